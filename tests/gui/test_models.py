"""Qt's model tester on the table and tree models, plus the editable record tables."""
from isodesk.app.session import ProjectSession
from isodesk.gui.models.checklist_table import ChecklistFilter, ChecklistTableModel
from isodesk.gui.models.checklist_tree import ChecklistTreeModel


def test_checklist_table_model(qtmodeltester, demo_path):
    session = ProjectSession.open(demo_path)
    model = ChecklistTableModel(session)
    qtmodeltester.check(model)
    model.set_filter(ChecklistFilter(catalog_id="iso27001-2022", text="back-up"))
    qtmodeltester.check(model)
    model.sort(2)
    qtmodeltester.check(model)
    session.close()


def test_checklist_tree_model(qtmodeltester, demo_path):
    session = ProjectSession.open(demo_path)
    model = ChecklistTreeModel(session)
    qtmodeltester.check(model)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["ISO 9001:2015", "ISO/IEC 27001:2022", "ISO 14001:2015", "ISO 45001:2018"]
    progress = model.index(0, 1).data()
    done, total = map(int, progress.split("/"))
    assert total == len(session.assessable("iso9001-2015")) and 0 < done <= total
    session.close()


def test_record_table_models(qtmodeltester, window):
    for view in (window.soa_view, window.actions_view, window.risks_view):
        qtmodeltester.check(view.model)
