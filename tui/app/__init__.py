"""The Textual app: its start, screens, widgets and CSS. Never touches files itself."""
