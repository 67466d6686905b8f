"""Parts of tests/test_url_role_matrix.py that grew too big for one file: the expectations, the
world's objects and the forms of the URLs added for issue 4 (debt assistance)."""
