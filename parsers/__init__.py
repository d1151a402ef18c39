"""Message parsing and document text extraction."""
