import tidynews

PUBLIC = {
    "GoldError",
    "Issue",
    "MissingExtraError",
    "PackageError",
    "PublishError",
    "ReleaseError",
    "Report",
    "SchemaFileError",
    "SeedError",
    "TidynewsError",
    "ValidationError",
    "__version__",
    "build",
    "card",
    "data_version",
    "diff",
    "evaluate",
    "export",
    "ingest",
    "load",
    "read_package",
    "recover",
    "release",
    "report",
    "validate",
}


def test_public_surface_is_pinned():
    assert set(tidynews.__all__) == PUBLIC
    for name in tidynews.__all__:
        assert hasattr(tidynews, name), name


def test_errors_share_one_root():
    for name in (
        "GoldError",
        "PackageError",
        "ReleaseError",
        "SchemaFileError",
        "SeedError",
        "ValidationError",
    ):
        assert issubclass(getattr(tidynews, name), tidynews.TidynewsError)


def test_version_is_the_data_version():
    assert tidynews.__version__ == tidynews.data_version()
