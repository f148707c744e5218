"""What the answers mean: scoring, the report, the comparison and the group's figures. No formats, no Textual."""
