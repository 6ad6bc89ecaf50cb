"""How to put each category out, for the demo cities, written only from the files in data/opendata.

{municipality code: {category name (Japanese source): {language: {field: text}}}}, fields
``bag``, ``put_out_by``, ``place``, ``fee`` and ``description`` of GarbageCategory. What a
city's shipped files do not say is left empty rather than guessed: none of them gives the
time or the place (ごみステーション) of collection, and 函館市's files give no instructions at
all (its description.csv is empty and its target.csv was not shipped).

Sources:
- 高松市: takamatsu-opendata/0074.csv (ごみ分別一覧, CC BY 高松市), the ``note`` column;
  the quoted phrases are the city's own (指定収集袋に入れて口をしばる, 1m×50cm×50cm …).
- 金沢市: 5374-kanazawa/description.csv (``description``) and target.csv (``notice``:
  70cm以下 / 70cm超える, キャップを外し洗う, 郵便局で家電リサイクル券を購入).
- 目黒区: 5374-meguro/target.csv (``notice``).
- 生駒市: 5374-ikoma/target.csv (``notice``).
"""

from __future__ import annotations

GUIDES: dict[str, dict[str, dict[str, dict[str, str]]]] = {
    "372013": {
        "燃やせるごみ": {
            "ja": {
                "bag": "指定収集袋（口をしばる）",
                "description": "50cm以下に切るか畳んで袋に入れてください。入らないものは「臨時・粗大ごみ」です。",
            },
            "en": {
                "bag": "The city's designated collection bag (tie it shut)",
                "description": "Cut or fold it to 50 cm or less to fit the bag; what does not fit is oversized waste.",
            },
        },
        "破砕ごみ": {
            "ja": {
                "bag": "指定収集袋",
                "description": "大きさ1m×50cm×50cm又は重量10kgを超えるものは「臨時・粗大ごみ」。"
                "危険のないように包む。電池は取り外して「有害ごみ」へ。",
            },
            "en": {
                "bag": "The city's designated collection bag",
                "description": "Over 1 m × 50 cm × 50 cm or 10 kg is oversized waste. Wrap sharp things safely. "
                "Take batteries out (hazardous waste).",
            },
        },
        "缶・びん・ペットボトル": {
            "ja": {
                "description": "中身を使い切り、洗浄したもの。キャップを取り除く。スプレー缶は火の気のない"
                "風通しの良い屋外で穴を開ける。",
            },
            "en": {
                "description": "Empty and rinsed, caps removed. Spray cans: used up, and pierced outdoors away "
                "from any flame.",
            },
        },
        "紙・布": {
            "ja": {"description": "汚れているものは「燃やせるごみ」。"},
            "en": {"description": "Dirty paper or cloth is burnable waste."},
        },
        "プラスチック容器包装": {
            "ja": {"description": "プラマークの表示があるもので、中身を空にして汚れを取り除いたものに限る。"},
            "en": {"description": "Only packaging with the プラ mark, emptied and cleaned."},
        },
        "臨時・粗大ごみ": {
            "ja": {
                "fee": "有料（大きさ・重さなどでそれぞれ手数料が異なります）",
                "description": "大きさ1m×50cm×50cm又は重量10kgを超えるもの。請負工事で発生したものは収集不可。",
            },
            "en": {
                "fee": "Charged (the fee depends on size and weight)",
                "description": "Items over 1 m × 50 cm × 50 cm or 10 kg. Waste from contracted building work "
                "is not collected.",
            },
        },
        "収集不可": {
            "ja": {"description": "市では収集しません。販売店などにお問い合わせください。"},
            "en": {"description": "The city does not collect it: ask the shop or a specialist."},
        },
        "家電リサイクル法対象品": {
            "ja": {"description": "家電リサイクル法の対象品です。市では収集しません。"},
            "en": {"description": "Covered by the Home Appliance Recycling Act: the city does not collect it."},
        },
        "有害ごみ": {
            "ja": {
                "description": "購入時の容器に入れるか、新聞紙などで包むなどして、割れないようにして出してください。",
            },
            "en": {
                "description": "Put it in the box it came in or wrap it in newspaper so that it does not break.",
            },
        },
    },
    "172014": {
        "燃やすごみ": {
            "ja": {"bag": "半透明の袋", "description": "70cmを超えるものは「有料粗大ごみ」。"},
            "en": {"bag": "A semi-transparent bag", "description": "Over 70 cm is paid oversized waste."},
        },
        "燃やさないごみ": {
            "ja": {"description": "長さがおおむね2ｍ以上、重さがおおむね55㎏以上のものは出せません。"},
            "en": {"description": "Nothing about 2 m long or longer, or about 55 kg or heavier."},
        },
        "資源": {
            "ja": {"description": "月2回の資源回収の日に出せるものです。"},
            "en": {"description": "Put out on the twice-monthly recycling days."},
        },
        "あきびん": {
            "ja": {
                "description": "色ごとに分けて出してください。キャップを外し洗う。ビールびんや一升びんは、酒屋さんへ。"
            },
            "en": {
                "description": "Sort by colour; take the cap off and rinse. Beer and 1.8-litre sake bottles go "
                "back to the liquor shop."
            },
        },
        "有料粗大ごみ": {
            "ja": {"fee": "有料", "description": "70cmを超えるもの。"},
            "en": {"fee": "Charged", "description": "Items over 70 cm."},
        },
        "市で収集しない": {
            "ja": {"description": "購入店または専門業者で処分。家電は郵便局で家電リサイクル券を購入し指定引取場所へ。"},
            "en": {
                "description": "Ask the shop or a specialist. Home appliances: buy a recycling ticket at the "
                "post office and take them to a designated collection point."
            },
        },
        "有料戸別収集": {
            "ja": {"fee": "有料", "description": "多量のごみ。"},
            "en": {"fee": "Charged", "description": "Large amounts of waste."},
        },
    },
    "131105": {
        "可燃ごみ": {
            "ja": {"description": "一辺が30センチメートル以上のものは粗大ごみとなります。"},
            "en": {"description": "Anything 30 cm or more on a side is oversized waste."},
        },
        "不燃ごみ": {
            "ja": {
                "description": "一辺が30センチメートル以上のものは粗大ごみとなります。割れ物や刃物は新聞紙等に包んで"
                "「キケン」と表示してください。"
            },
            "en": {
                "description": "Anything 30 cm or more on a side is oversized waste. Wrap broken glass and "
                "blades in newspaper and mark them キケン (danger)."
            },
        },
        "資源": {
            "ja": {"description": "水ですすいで出してください。汚れの落ちない場合は可燃ごみへ。"},
            "en": {"description": "Rinse with water; what will not come clean is burnable waste."},
        },
        "粗大ごみ": {
            "ja": {"description": "「粗大ごみ処理の手続き」のページをご覧ください。"},
            "en": {"description": "See the ward's page on oversized waste procedures (粗大ごみ処理の手続き)."},
        },
    },
    "292095": {
        "燃えるごみ": {
            "ja": {"bag": "指定袋", "description": "30cmを超えるものは大型ごみ。"},
            "en": {"bag": "The city's designated bag", "description": "Over 30 cm is oversized waste."},
        },
        "プラスチック": {
            "ja": {"description": "汚れが取れないものは燃えるごみ。"},
            "en": {"description": "What will not come clean is burnable waste."},
        },
        "びん・缶・ペットボトル・われもの・有害ごみ": {
            "ja": {"description": "中を水洗いしてください。スプレー缶は使い切って出す（穴を開けなくて良い）。"},
            "en": {"description": "Rinse inside. Spray cans: use them up (no need to pierce them)."},
        },
    },
}

# English names of the 5374 cities' categories (高松市's are in demo.CATEGORIES_EN).
CATEGORY_NAMES_EN = {
    "燃やすごみ": "Burnable waste",
    "燃やさないごみ": "Non-burnable waste",
    "資源": "Recyclables",
    "あきびん": "Empty bottles",
    "有料粗大ごみ": "Oversized waste (charged)",
    "市で収集しない": "Not collected by the city",
    "有料戸別収集": "Door-to-door collection (charged)",
    "可燃ごみ": "Burnable waste",
    "不燃ごみ": "Non-burnable waste",
    "粗大ごみ": "Oversized waste",
    "燃えるごみ": "Burnable waste",
    "プラスチック": "Plastics",
    "びん・缶・ペットボトル・われもの・有害ごみ": "Bottles, cans, PET bottles, breakables and hazardous waste",
    "燃やせるごみ": "Burnable waste",
    "燃やせないごみ": "Non-burnable waste",
    "プラスチック容器包装": "Plastic packaging",
    "缶・びん・ペットボトル": "Cans, bottles and PET bottles",
}
