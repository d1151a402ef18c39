"""Document text extraction: one module per format, one registry keyed by sniffed type."""
