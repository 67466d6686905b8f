"""The main menu's module entries: which entry a page belongs to (longest prefix wins)."""

from raadhuis.web.menu import menu_item_van


def test_a_menu_entrys_own_page_is_the_current_page():
    item, eigen = menu_item_van("shv:caseload")
    assert item.url_name == "shv:caseload" and eigen


def test_a_module_page_belongs_to_the_entry_with_the_longest_prefix():
    assert menu_item_van("shv:dossier")[0].url_name == "shv:caseload"
    assert menu_item_van("shv:signaal_detail")[0].url_name == "shv:signaal_wachtrij"
    assert menu_item_van("shv:vtlb:normversie_detail")[0].url_name == "shv:vtlb:normversies"
    assert menu_item_van("shv:team_export")[0].url_name == "shv:team"
    assert menu_item_van("shv:dossier") == (menu_item_van("shv:dossier")[0], False)


def test_kernel_pages_belong_to_no_module_entry():
    assert menu_item_van("web:zaken") == (None, False)
