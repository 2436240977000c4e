"""The tidynews dataset: its six tables (schemas/), their rules (a validation
Profile), and building, publishing, loading, diffing and releasing the package."""
