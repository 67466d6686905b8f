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


def test_sub_entries_stand_under_their_main_entry_not_in_the_main_menu():
    from raadhuis.web.menu import hoofdmenu_item, menu_item_van

    alle = [i for i in _alle_items() if i.groep == "medewerker"]
    klachten, eigen = menu_item_van("crm:klachten:lijst", alle)
    assert eigen and klachten.onder == "crm:relaties"
    assert hoofdmenu_item(klachten, alle).url_name == "crm:relaties"
    # A page deeper in the complaints belongs to the complaints entry, under "Relaties".
    assert menu_item_van("crm:klachten:detail", alle)[0] is klachten


def _alle_items():
    from raadhuis.web.menu import _ITEMS

    return list(_ITEMS.values())
