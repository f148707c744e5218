"""The views in their formats: text, Markdown, HTML, CSV, JSON, xlsx. No Textual."""
