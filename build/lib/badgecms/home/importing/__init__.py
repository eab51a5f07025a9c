"""The import pipeline: documents (Markdown, Word) read into a landing page."""
