"""Japanese text: normalisation, analysis (Sudachi), furigana, dates, and the search fields
that index text through the analysis. Plain Python, no Django models."""
