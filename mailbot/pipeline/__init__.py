"""The pipeline: stages wired as data."""
