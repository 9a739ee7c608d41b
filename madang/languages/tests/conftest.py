import pytest


@pytest.fixture
def home(demo_site):
    return demo_site[0]
