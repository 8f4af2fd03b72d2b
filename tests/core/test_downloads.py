"""Downloads: several tables in one CSV or one workbook, with sheet names Excel accepts."""

import csv
import io

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from mentorbank.core.downloads import csv_tables, sheet_title, xlsx_book


@given(st.lists(st.text(max_size=40), min_size=1, max_size=8))
def test_any_titles_make_a_workbook_excel_opens(titles):
    tables = [(title, ["a", "b"], [[k, title]]) for k, title in enumerate(titles)]
    book = load_workbook(io.BytesIO(xlsx_book(tables)))
    assert len(book.sheetnames) == len(titles)
    assert len({name.lower() for name in book.sheetnames}) == len(titles)
    assert all(len(name) <= 31 and not set(name) & set(":\\/?*[]") for name in book.sheetnames)
    assert [sheet["A2"].value for sheet in book] == list(range(len(titles)))


def test_a_long_title_used_twice_gets_a_number():
    used = set()
    first = sheet_title("Follow-up survey: mentees and mentors", used)
    second = sheet_title("Follow-up survey: mentees and mentors", used)
    assert first == "Follow-up survey- mentees and m" and second == "Follow-up survey- mentees a (2)"


def test_csv_tables_keep_each_table_apart():
    text = csv_tables([("Yksiköt", ["nimi", "n"], [["Päiväkoti", 3]]), ("Ryhmät", ["nimi", "n"], [])])
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [["Yksiköt"], ["nimi", "n"], ["Päiväkoti", "3"], [], ["Ryhmät"], ["nimi", "n"], []]


def test_control_characters_in_free_text_do_not_break_the_workbook():
    book = load_workbook(io.BytesIO(xlsx_book([("Ideat\x1f", ["teksti"], [["Hyvä\x00 idea\x0b"]])])))
    assert book.sheetnames == ["Ideat"] and book["Ideat"]["A2"].value == "Hyvä idea"
