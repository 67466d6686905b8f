from tests.kernel.brp.fixtures import brp_double, brp_double_server  # noqa: F401
