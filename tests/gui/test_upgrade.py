"""Opening a project of the first release in the GUI upgrades it and says what to review."""
import shutil

from tests.conftest import ROOT


def test_opening_a_format_1_project_shows_the_upgrade_message(controller, fake_dialogs, tmp_path, qtbot):
    path = tmp_path / "nulmeting-2025.isodesk"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "format-1.isodesk", path)
    assert controller.open_path(path)
    qtbot.addWidget(controller.window)
    assert len(fake_dialogs.infos) == 1
    assert "was upgraded to file format 2" in fake_dialogs.infos[0]
    assert "A.8.16" in fake_dialogs.infos[0]
    assert controller.window.session.soa("iso27001-2022:A.8.16").status.value == "not_implemented"
