"""Fixed translations of municipal terms, applied to machine-translation drafts.

A resident who reads "burnable waste" on the calendar must read "burnable waste" on the
sorting dictionary and on the notice too, whatever the machine translator would have said.
So before a Japanese string goes to the translator each glossary term in it is replaced by a
placeholder tag (``<gl i="3"/>``) that translators leave alone (DeepL keeps XML tags with
``tag_handling=xml``; wagtail-localize's dummy translator keeps tags), and after translation
every placeholder is replaced by the term's fixed translation in the target language.

Terms are matched longest first, so 認可保育所 wins over 保育所. Languages are the portal's
translation targets: en, zh-hans, ko, vi, pt. やさしい日本語 (ja-x-easy) is written by people,
not machines, and has no glossary. Pure functions: no database, no Django.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

GLOSSARY_LANGUAGES = ("en", "zh-hans", "ko", "vi", "pt")


@dataclass(frozen=True)
class GlossaryTerm:
    japanese: str
    translations: dict[str, str]

    def translation(self, language_code: str) -> str | None:
        return self.translations.get(glossary_language(language_code))


def _table(text: str) -> tuple[GlossaryTerm, ...]:
    """Terms from lines ``japanese[/variant…] | en | zh-hans | ko | vi | pt`` (``#`` starts a comment)."""
    terms = []
    for line in text.strip().splitlines():
        if line.startswith("#"):
            continue
        spellings, *translations = (cell.strip() for cell in line.split("|"))
        for japanese in spellings.split("/"):
            terms.append(GlossaryTerm(japanese, dict(zip(GLOSSARY_LANGUAGES, translations, strict=True))))
    return tuple(terms)


# One row a concept; the spellings a city may use for it share the translations.
GLOSSARY: tuple[GlossaryTerm, ...] = _table(
    """
# Garbage categories (環境課)
燃やすごみ/燃えるごみ/可燃ごみ | burnable waste | 可燃垃圾 | 타는 쓰레기 | rác cháy được | lixo queimável
燃やさないごみ/燃えないごみ/不燃ごみ | non-burnable waste | 不可燃垃圾 | 타지 않는 쓰레기 | rác không cháy được | lixo não queimável
資源ごみ | recyclables | 可回收资源垃圾 | 자원 쓰레기 | rác tài nguyên | lixo reciclável
粗大ごみ | oversized waste | 大件垃圾 | 대형 쓰레기 | rác cỡ lớn | lixo de grande porte
あきびん | empty bottles | 空瓶 | 빈 병 | chai lọ rỗng | garrafas vazias
ペットボトル | PET bottles | 塑料瓶 | 페트병 | chai nhựa PET | garrafas PET
プラスチック製容器包装 | plastic containers and packaging | 塑料容器包装 | 플라스틱 용기·포장 | bao bì và hộp đựng bằng nhựa | embalagens plásticas
ごみステーション | collection point | 垃圾收集点 | 쓰레기 배출 장소 | điểm thu gom rác | ponto de coleta
収集日 | collection day | 收集日 | 수거일 | ngày thu gom | dia de coleta
年末年始 | New Year holidays | 年末年初 | 연말연시 | dịp cuối năm và năm mới | feriado de Ano Novo
# Childcare (保育課)
認可保育所 | licensed nursery | 认可保育所 | 인가 보육소 | nhà trẻ được cấp phép | creche credenciada
認定こども園 | certified childcare centre | 认定儿童园 | 인정 어린이원 | trung tâm trẻ em được chứng nhận | centro infantil certificado
小規模保育 | small-scale childcare | 小规模保育 | 소규모 보육 | nhà trẻ quy mô nhỏ | creche de pequeno porte
保育所/保育園 | nursery | 保育所 | 보육소 | nhà trẻ | creche
待機児童 | children on the waiting list | 待机儿童 | 대기 아동 | trẻ chờ nhập học | crianças em lista de espera
# Disaster prevention
指定緊急避難場所 | designated emergency evacuation site | 指定紧急避难场所 | 지정 긴급 대피 장소 | địa điểm sơ tán khẩn cấp được chỉ định | local de evacuação de emergência designado
避難所 | evacuation shelter | 避难所 | 대피소 | nơi lánh nạn | abrigo de evacuação
# Offices and documents
市役所 | City Hall | 市政府 | 시청 | Tòa thị chính | Prefeitura
区役所 | Ward Office | 区政府 | 구청 | Văn phòng quận | Subprefeitura
在留カード | residence card | 在留卡 | 재류카드 | thẻ cư trú | cartão de residente
マイナンバーカード | My Number Card | 个人编号卡 | 마이넘버카드 | thẻ My Number | cartão My Number
住民票 | certificate of residence | 住民票 | 주민표 | phiếu cư trú | atestado de residência
国民健康保険 | National Health Insurance | 国民健康保险 | 국민건강보험 | Bảo hiểm Y tế Quốc dân | Seguro Nacional de Saúde
"""
)

_PLACEHOLDER = re.compile(r'<gl\s+i="(\d+)"\s*/?>(?:\s*</gl>)?')


def glossary_language(language_code: str) -> str:
    """The glossary's key for a locale code: ``zh-Hans``/``zh_hans`` → ``zh-hans``, ``pt-BR`` → ``pt``."""
    code = language_code.lower().replace("_", "-")
    if code.startswith("zh"):
        return "zh-hans"
    return code.split("-")[0]


def _ordered(glossary: tuple[GlossaryTerm, ...]) -> list[tuple[int, GlossaryTerm]]:
    return sorted(enumerate(glossary), key=lambda pair: -len(pair[1].japanese))


def protect_terms(text: str, language_code: str, glossary: tuple[GlossaryTerm, ...] = GLOSSARY) -> str:
    """Replace each glossary term that has a ``language_code`` translation by a placeholder tag."""
    if glossary_language(language_code) not in GLOSSARY_LANGUAGES:
        return text
    indexes = {term.japanese: index for index, term in _ordered(glossary) if term.translation(language_code)}
    if not indexes:
        return text
    # Alternatives longest first: at each position the longest term wins (認可保育所 over 保育所).
    pattern = re.compile("|".join(re.escape(japanese) for japanese in indexes))
    return pattern.sub(lambda match: f'<gl i="{indexes[match.group(0)]}"/>', text)


def restore_terms(text: str, language_code: str, glossary: tuple[GlossaryTerm, ...] = GLOSSARY) -> str:
    """Replace each placeholder tag in a translated string by the term's fixed translation (HTML-escaped)."""

    def replace(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(glossary):
            return ""
        term = glossary[index]
        return html.escape(term.translation(language_code) or term.japanese, quote=False)

    return _PLACEHOLDER.sub(replace, text)
