"""What the facility directory offers as open data (opendata/downloads.py)."""

GEOJSON_LIMIT = 1000


def register() -> None:
    from opendata import downloads

    downloads.register_kind(
        "facilities",
        "facilities",
        "public_facilities.csv",
        label="公共施設一覧",
        description="市の公共施設（自治体標準オープンデータセット 2024 年版の項目、UTF-8 BOM 付き）",
        order=10,
    )
    downloads.register_kind(
        "facilities",
        "aed",
        "aed.csv",
        label="AED設置箇所一覧",
        description="AED の設置場所（自治体標準オープンデータセット、UTF-8 BOM 付き）",
        order=20,
    )
    downloads.register_kind(
        "facilities",
        "evacuation",
        "evacuation_spaces.csv",
        label="指定緊急避難場所一覧",
        description="指定緊急避難場所（自治体標準オープンデータセット、UTF-8 BOM 付き）",
        order=30,
    )
    downloads.register(
        "facilities",
        "facilities.geojson",
        label="施設の位置",
        format="GeoJSON",
        description="地図アプリで使える施設の位置（公開 API）",
        link=lambda request, page: f"/api/v1/facilities.geojson?limit={GEOJSON_LIMIT}",
        order=40,
    )
