"""The demo's 出し方 and category names in the portal's other languages (zh-hans, ko, vi, pt, ja-x-easy).

Keyed by the Japanese text of ``demo_guides.GUIDES`` (and the Japanese category name), so that each
fact is translated from exactly what the city's files say; English stays in ``demo_guides``.
やさしい日本語 (ja-x-easy) uses short sentences, simple words and spaces between phrases. A text
missing here is shown in Japanese on the page, marked as untranslated.
"""

from __future__ import annotations

LANGUAGES = ("zh-hans", "ko", "vi", "pt", "ja-x-easy")


def _t(zh: str, ko: str, vi: str, pt: str, easy: str) -> dict[str, str]:
    return dict(zip(LANGUAGES, (zh, ko, vi, pt, easy), strict=True))


_BURNABLE = ("可燃垃圾", "타는 쓰레기", "Rác cháy được", "Lixo queimável")
_NON_BURNABLE = ("不可燃垃圾", "타지 않는 쓰레기", "Rác không cháy được", "Lixo não queimável")
_NOT_COLLECTED = ("市政府不收集", "시에서 수거하지 않음", "Thành phố không thu gom", "Não recolhido pela prefeitura")
_CANS = ("罐・瓶・PET瓶", "캔・병・페트병", "Lon, chai lọ và chai PET", "Latas, garrafas e garrafas PET")
_PLASTIC_PACKAGING = ("塑料容器包装", "플라스틱 용기・포장", "Hộp và bao bì nhựa", "Embalagens plásticas")

CATEGORY_NAMES: dict[str, dict[str, str]] = {
    "燃やせるごみ": _t(*_BURNABLE, "もやせる ごみ"),
    "燃やすごみ": _t(*_BURNABLE, "もやす ごみ"),
    "可燃ごみ": _t(*_BURNABLE, "もえる ごみ"),
    "燃えるごみ": _t(*_BURNABLE, "もえる ごみ"),
    "燃やせないごみ": _t(*_NON_BURNABLE, "もやせない ごみ"),
    "燃やさないごみ": _t(*_NON_BURNABLE, "もやさない ごみ"),
    "不燃ごみ": _t(*_NON_BURNABLE, "もえない ごみ"),
    "破砕ごみ": _t("破碎垃圾", "파쇄 쓰레기", "Rác cần nghiền nhỏ", "Lixo para trituração", "くだく ごみ"),
    "缶・びん・ペットボトル": _t(*_CANS, "かん・びん・ペットボトル"),
    "紙・布": _t("纸・布", "종이・천", "Giấy và vải", "Papel e tecido", "かみ・ぬの"),
    "プラスチック容器包装": _t(*_PLASTIC_PACKAGING, "プラスチックの いれもの・ふくろ"),
    "臨時・粗大ごみ": _t(
        "大件垃圾（需预约）",
        "대형 쓰레기(예약제)",
        "Rác cồng kềnh (đăng ký trước)",
        "Lixo volumoso (com agendamento)",
        "おおきい ごみ（よやくが いります）",
    ),  # fmt: skip
    "収集不可": _t(*_NOT_COLLECTED, "しは あつめません"),
    "市で収集しない": _t(*_NOT_COLLECTED, "しは あつめません"),
    "家電リサイクル法対象品": _t(
        "家电回收法对象物品",
        "가전 재활용법 대상품",
        "Đồ điện gia dụng thuộc Luật tái chế",
        "Eletrodomésticos da Lei de Reciclagem",
        "かでん リサイクルの もの",
    ),  # fmt: skip
    "有害ごみ": _t("有害垃圾", "유해 쓰레기", "Rác độc hại", "Lixo perigoso", "あぶない ごみ"),
    "資源": _t("可回收资源", "자원 쓰레기", "Rác tái chế", "Recicláveis", "しげん（リサイクル）"),
    "あきびん": _t("空瓶", "빈 병", "Chai lọ rỗng", "Garrafas vazias", "あきびん"),
    "有料粗大ごみ": _t(
        "收费大件垃圾",
        "유료 대형 쓰레기",
        "Rác cồng kềnh (có phí)",
        "Lixo volumoso (pago)",
        "おおきい ごみ（おかねが いります）",
    ),  # fmt: skip
    "有料戸別収集": _t(
        "收费上门收集",
        "유료 방문 수거",
        "Thu gom tận nhà (có phí)",
        "Coleta em domicílio (paga)",
        "いえまで とりに きます（おかねが いります）",
    ),  # fmt: skip
    "粗大ごみ": _t("大件垃圾", "대형 쓰레기", "Rác cồng kềnh", "Lixo volumoso", "おおきい ごみ"),
    "プラスチック": _t("塑料", "플라스틱", "Nhựa", "Plásticos", "プラスチック"),
    "びん・缶・ペットボトル・われもの・有害ごみ": _t(
        "瓶・罐・PET瓶・易碎品・有害垃圾",
        "병・캔・페트병・깨지는 물건・유해 쓰레기",
        "Chai lọ, lon, chai PET, đồ dễ vỡ và rác độc hại",
        "Garrafas, latas, PET, objetos quebráveis e lixo perigoso",
        "びん・かん・ペットボトル・われる もの・あぶない ごみ",
    ),  # fmt: skip
}

FACTS: dict[str, dict[str, str]] = {
    "指定収集袋（口をしばる）": _t(
        "市指定的垃圾袋（把袋口扎紧）",
        "시 지정 수거 봉투(입구를 묶어서)",
        "Túi rác do thành phố chỉ định (buộc kín miệng túi)",
        "Saco de coleta indicado pela cidade (bem fechado)",
        "しが きめた ふくろ。ふくろの くちを しばります。",
    ),  # fmt: skip
    "50cm以下に切るか畳んで袋に入れてください。入らないものは「臨時・粗大ごみ」です。": _t(
        "请剪成或折叠成50厘米以下后放入袋中。放不进袋子的属于“临时・大件垃圾”。",
        "50cm 이하로 자르거나 접어서 봉투에 넣어 주십시오. 들어가지 않는 것은 '임시・대형 쓰레기'입니다.",
        "Hãy cắt hoặc gấp lại dưới 50 cm rồi cho vào túi. Thứ không vừa túi là rác cồng kềnh.",
        "Corte ou dobre até 50 cm ou menos e coloque no saco. O que não couber é lixo volumoso.",
        "50cmより ちいさく きるか、たたんで ふくろに いれます。ふくろに はいらない ものは「おおきい ごみ」です。",
    ),  # fmt: skip
    "指定収集袋": _t(
        "市指定的垃圾袋",
        "시 지정 수거 봉투",
        "Túi rác do thành phố chỉ định",
        "Saco de coleta indicado pela cidade",
        "しが きめた ふくろ",
    ),  # fmt: skip
    "大きさ1m×50cm×50cm又は重量10kgを超えるものは「臨時・粗大ごみ」。危険のないように包む。電池は取り外して「有害ごみ」へ。": _t(
        "超过1m×50cm×50cm或重量超过10kg的属于“临时・大件垃圾”。请包好以免发生危险。请取出电池，作为“有害垃圾”投放。",
        "크기 1m×50cm×50cm 또는 무게 10kg을 넘는 것은 '임시・대형 쓰레기'. 위험하지 않도록 싸 주십시오. 건전지는 빼서 '유해 쓰레기'로.",
        "Lớn hơn 1m×50cm×50cm hoặc nặng hơn 10 kg là rác cồng kềnh. Bọc lại để không gây nguy hiểm. Tháo pin ra và bỏ vào rác độc hại.",
        "Acima de 1m×50cm×50cm ou de 10 kg é lixo volumoso. Embrulhe para não ferir ninguém. Retire as pilhas (lixo perigoso).",
        "1m×50cm×50cmより おおきい もの、10kgより おもい ものは「おおきい ごみ」です。けがを しないように つつみます。でんちは はずして「あぶない ごみ」に だします。",
    ),  # fmt: skip
    "中身を使い切り、洗浄したもの。キャップを取り除く。スプレー缶は火の気のない風通しの良い屋外で穴を開ける。": _t(
        "用完内容物并清洗干净。取下瓶盖。喷雾罐请在没有火源、通风良好的室外打孔。",
        "내용물을 다 쓰고 씻은 것. 뚜껑은 제거합니다. 스프레이 캔은 불기가 없고 통풍이 잘 되는 실외에서 구멍을 뚫습니다.",
        "Dùng hết và rửa sạch. Bỏ nắp. Bình xịt: đục lỗ ở ngoài trời thoáng gió, xa lửa.",
        "Vazios e lavados, sem tampa. Latas de spray: fure ao ar livre, em local ventilado e longe de fogo.",
        "なかみを ぜんぶ つかって、あらいます。キャップは とります。スプレーかんは、ひの ない、かぜの とおる そとで あなを あけます。",
    ),  # fmt: skip
    "汚れているものは「燃やせるごみ」。": _t(
        "脏的属于“可燃垃圾”。",
        "더러운 것은 '타는 쓰레기'.",
        "Thứ bị bẩn là rác cháy được.",
        "O que estiver sujo é lixo queimável.",
        "よごれて いる ものは「もやせる ごみ」です。",
    ),  # fmt: skip
    "プラマークの表示があるもので、中身を空にして汚れを取り除いたものに限る。": _t(
        "仅限带有“プラ”标志、已倒空内容物并去除污垢的物品。",
        "'プラ' 마크가 있고, 내용물을 비우고 더러움을 없앤 것만.",
        "Chỉ những thứ có dấu プラ, đã lấy hết đồ bên trong và làm sạch.",
        "Só embalagens com a marca プラ, vazias e sem sujeira.",
        "「プラ」の マークが ある もの だけです。なかみを だして、よごれを とります。",
    ),  # fmt: skip
    "有料（大きさ・重さなどでそれぞれ手数料が異なります）": _t(
        "收费（费用根据大小、重量等而不同）",
        "유료(크기・무게 등에 따라 수수료가 다릅니다)",
        "Có phí (phí khác nhau tùy kích thước, trọng lượng)",
        "Pago (a taxa depende do tamanho e do peso)",
        "おかねが いります（おおきさや おもさで ちがいます）",
    ),  # fmt: skip
    "大きさ1m×50cm×50cm又は重量10kgを超えるもの。請負工事で発生したものは収集不可。": _t(
        "超过1m×50cm×50cm或重量超过10kg的物品。承包工程产生的垃圾不予收集。",
        "크기 1m×50cm×50cm 또는 무게 10kg을 넘는 것. 도급 공사에서 나온 것은 수거하지 않습니다.",
        "Đồ lớn hơn 1m×50cm×50cm hoặc nặng hơn 10 kg. Không thu gom rác từ công trình thi công theo hợp đồng.",
        "Itens acima de 1m×50cm×50cm ou de 10 kg. Resíduos de obras contratadas não são recolhidos.",
        "1m×50cm×50cmより おおきい もの、10kgより おもい もの です。こうじで でた ごみは あつめません。",
    ),  # fmt: skip
    "市では収集しません。販売店などにお問い合わせください。": _t(
        "市政府不收集。请咨询销售店等。",
        "시에서는 수거하지 않습니다. 판매점 등에 문의해 주십시오.",
        "Thành phố không thu gom. Hãy hỏi cửa hàng đã bán.",
        "A prefeitura não recolhe. Consulte a loja onde comprou.",
        "しは あつめません。かった おみせに きいて ください。",
    ),  # fmt: skip
    "家電リサイクル法の対象品です。市では収集しません。": _t(
        "属于家电回收法的对象物品。市政府不收集。",
        "가전 재활용법 대상품입니다. 시에서는 수거하지 않습니다.",
        "Thuộc Luật tái chế đồ điện gia dụng. Thành phố không thu gom.",
        "Coberto pela Lei de Reciclagem de Eletrodomésticos. A prefeitura não recolhe.",
        "かでん リサイクルの ものです。しは あつめません。",
    ),  # fmt: skip
    "購入時の容器に入れるか、新聞紙などで包むなどして、割れないようにして出してください。": _t(
        "请放入购买时的容器中，或用报纸等包好，以免破碎。",
        "구입했을 때의 용기에 넣거나 신문지 등으로 싸서 깨지지 않도록 내놓아 주십시오.",
        "Cho vào hộp lúc mua hoặc bọc bằng giấy báo để không bị vỡ.",
        "Coloque na embalagem original ou embrulhe em jornal para não quebrar.",
        "かった ときの はこに いれるか、しんぶんしで つつみます。われないように だして ください。",
    ),  # fmt: skip
    "半透明の袋": _t("半透明袋", "반투명 봉투", "Túi bán trong suốt", "Saco semitransparente", "すこし すける ふくろ"),
    "70cmを超えるものは「有料粗大ごみ」。": _t(
        "超过70厘米的属于“收费大件垃圾”。",
        "70cm를 넘는 것은 '유료 대형 쓰레기'.",
        "Dài hơn 70 cm là rác cồng kềnh có phí.",
        "Acima de 70 cm é lixo volumoso pago.",
        "70cmより ながい ものは「おおきい ごみ（おかねが いります）」です。",
    ),  # fmt: skip
    "長さがおおむね2ｍ以上、重さがおおむね55㎏以上のものは出せません。": _t(
        "长度约2米以上、重量约55公斤以上的物品不能投放。",
        "길이가 대략 2m 이상, 무게가 대략 55kg 이상인 것은 내놓을 수 없습니다.",
        "Không được bỏ đồ dài khoảng 2 m trở lên hoặc nặng khoảng 55 kg trở lên.",
        "Não se aceita nada com cerca de 2 m ou mais, ou cerca de 55 kg ou mais.",
        "ながさ 2mぐらい いじょう、おもさ 55kgぐらい いじょうの ものは だせません。",
    ),  # fmt: skip
    "月2回の資源回収の日に出せるものです。": _t(
        "可在每月两次的资源回收日投放。",
        "한 달에 두 번 있는 자원 회수일에 내놓을 수 있는 것입니다.",
        "Bỏ vào ngày thu gom rác tái chế (2 lần mỗi tháng).",
        "Coloque nos dias de coleta de recicláveis (duas vezes por mês).",
        "ひと月に 2かいの「しげんの ひ」に だせます。",
    ),  # fmt: skip
    "色ごとに分けて出してください。キャップを外し洗う。ビールびんや一升びんは、酒屋さんへ。": _t(
        "请按颜色分类投放。取下瓶盖并清洗。啤酒瓶和一升瓶请交给酒铺。",
        "색깔별로 나누어 내놓아 주십시오. 뚜껑을 빼고 씻습니다. 맥주병과 한 되 병은 주류 판매점으로.",
        "Phân loại theo màu. Bỏ nắp và rửa sạch. Chai bia và chai rượu sake 1,8 lít thì mang trả cửa hàng rượu.",
        "Separe por cor; tire a tampa e lave. Garrafas de cerveja e de saquê de 1,8 litro voltam à loja de bebidas.",
        "いろで わけて だします。キャップを とって あらいます。ビールびんと いっしょうびんは さかやさんへ もって いきます。",
    ),  # fmt: skip
    "有料": _t("收费", "유료", "Có phí", "Pago", "おかねが いります"),
    "70cmを超えるもの。": _t(
        "超过70厘米的物品。",
        "70cm를 넘는 것.",
        "Đồ dài hơn 70 cm.",
        "Itens acima de 70 cm.",
        "70cmより ながい もの です。",
    ),
    "購入店または専門業者で処分。家電は郵便局で家電リサイクル券を購入し指定引取場所へ。": _t(
        "请交给购买的商店或专业回收业者处理。家电请在邮局购买家电回收券后送到指定回收点。",
        "구입한 가게나 전문 업체에서 처리. 가전은 우체국에서 가전 재활용권을 사서 지정 인수 장소로.",
        "Nhờ cửa hàng đã bán hoặc công ty chuyên môn xử lý. Đồ điện gia dụng: mua phiếu tái chế ở bưu điện rồi mang đến nơi tiếp nhận được chỉ định.",
        "Consulte a loja ou uma empresa especializada. Eletrodomésticos: compre o bilhete de reciclagem nos correios e leve ao ponto de coleta indicado.",
        "かった おみせか、せんもんの かいしゃに たのみます。かでんは、ゆうびんきょくで「かでん リサイクルけん」を かって、きめられた ばしょへ もって いきます。",
    ),  # fmt: skip
    "多量のごみ。": _t(
        "大量的垃圾。", "많은 양의 쓰레기.", "Lượng rác lớn.", "Grandes quantidades de lixo.", "たくさんの ごみ です。"
    ),
    "一辺が30センチメートル以上のものは粗大ごみとなります。": _t(
        "任何一边达到30厘米以上的属于大件垃圾。",
        "한 변이 30cm 이상인 것은 대형 쓰레기가 됩니다.",
        "Đồ có một cạnh từ 30 cm trở lên là rác cồng kềnh.",
        "Qualquer item com um lado de 30 cm ou mais é lixo volumoso.",
        "ひとつの へんが 30cm いじょうの ものは「おおきい ごみ」です。",
    ),  # fmt: skip
    "一辺が30センチメートル以上のものは粗大ごみとなります。割れ物や刃物は新聞紙等に包んで「キケン」と表示してください。": _t(
        "任何一边达到30厘米以上的属于大件垃圾。易碎品和刀具请用报纸等包好，并写上“キケン”（危险）。",
        "한 변이 30cm 이상인 것은 대형 쓰레기가 됩니다. 깨지는 물건이나 칼날은 신문지 등으로 싸서 'キケン'(위험)이라고 표시해 주십시오.",
        "Đồ có một cạnh từ 30 cm trở lên là rác cồng kềnh. Đồ dễ vỡ và dao kéo hãy bọc giấy báo và ghi キケン (nguy hiểm).",
        "Qualquer item com um lado de 30 cm ou mais é lixo volumoso. Embrulhe vidros quebrados e lâminas em jornal e escreva キケン (perigo).",
        "ひとつの へんが 30cm いじょうの ものは「おおきい ごみ」です。われた ものや はものは しんぶんしで つつんで「キケン」と かきます。",
    ),  # fmt: skip
    "水ですすいで出してください。汚れの落ちない場合は可燃ごみへ。": _t(
        "请用水冲洗后投放。洗不干净的请作为可燃垃圾。",
        "물로 헹궈서 내놓아 주십시오. 더러움이 지워지지 않으면 타는 쓰레기로.",
        "Tráng nước rồi mới bỏ. Nếu không sạch được thì bỏ vào rác cháy được.",
        "Enxágue com água. O que não ficar limpo vai no lixo queimável.",
        "みずで あらって だします。よごれが おちない ときは「もえる ごみ」に だします。",
    ),  # fmt: skip
    "「粗大ごみ処理の手続き」のページをご覧ください。": _t(
        "请参阅“粗大ごみ処理の手続き”（大件垃圾处理手续）页面。",
        "'粗大ごみ処理の手続き'(대형 쓰레기 처리 절차) 페이지를 봐 주십시오.",
        "Xem trang 粗大ごみ処理の手続き (thủ tục xử lý rác cồng kềnh).",
        "Veja a página 粗大ごみ処理の手続き (como descartar lixo volumoso).",
        "「そだいごみ しょりの てつづき」の ページを みて ください。",
    ),  # fmt: skip
    "指定袋": _t("指定垃圾袋", "지정 봉투", "Túi được chỉ định", "Saco indicado", "きめられた ふくろ"),
    "30cmを超えるものは大型ごみ。": _t(
        "超过30厘米的属于大型垃圾。",
        "30cm를 넘는 것은 대형 쓰레기.",
        "Dài hơn 30 cm là rác cồng kềnh.",
        "Acima de 30 cm é lixo volumoso.",
        "30cmより ながい ものは「おおきい ごみ」です。",
    ),  # fmt: skip
    "汚れが取れないものは燃えるごみ。": _t(
        "洗不干净的属于可燃垃圾。",
        "더러움이 지워지지 않는 것은 타는 쓰레기.",
        "Thứ không làm sạch được là rác cháy được.",
        "O que não ficar limpo é lixo queimável.",
        "よごれが とれない ものは「もえる ごみ」です。",
    ),  # fmt: skip
    "中を水洗いしてください。スプレー缶は使い切って出す（穴を開けなくて良い）。": _t(
        "请用水冲洗内部。喷雾罐请用完后投放（不需要打孔）。",
        "안을 물로 씻어 주십시오. 스프레이 캔은 다 쓰고 내놓습니다(구멍을 뚫지 않아도 됩니다).",
        "Rửa bên trong bằng nước. Bình xịt: dùng hết rồi bỏ (không cần đục lỗ).",
        "Lave o interior com água. Latas de spray: use até o fim (não é preciso furar).",
        "なかを みずで あらいます。スプレーかんは ぜんぶ つかってから だします（あなは あけなくて いいです）。",
    ),  # fmt: skip
}
