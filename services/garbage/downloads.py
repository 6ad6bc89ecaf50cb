"""What the ごみ section offers as open data (opendata/downloads.py): the 5374 files and the town table."""

import io
import zipfile


def zip_5374(municipality) -> bytes:
    """The files ``export_5374 DIR --municipality CODE`` writes, in one ZIP."""
    from .importers import write_5374_texts
    from .loading import export_dataset

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in write_5374_texts(export_dataset(municipality, None)).items():
            archive.writestr(name, text.encode("utf-8"))
    return buffer.getvalue()


def register() -> None:
    from opendata import downloads

    downloads.register(
        "garbage",
        "garbage_5374.zip",
        label="ごみ収集日・分別辞書（5374 形式）",
        format="ZIP（CSV）",
        description="収集地区ごとの収集日、分別辞書、処理センターの休止期間（5374.jp の形式、UTF-8）",
        build=lambda municipality: (zip_5374(municipality), "application/zip"),
        order=10,
    )
    downloads.register_kind(
        "garbage",
        "garbage-towns",
        "garbage_towns.csv",
        label="町丁目別ごみ収集地区",
        description="どの町丁目がどの収集地区か（町丁目・地区コード・地区名、UTF-8 BOM 付き）",
        order=20,
    )
