"""The one reader of uploaded spreadsheets (staff lists, attendance lists)."""

import io

import openpyxl
import pytest

from lms.spreadsheets import reading


def email_header(cells):
    columns = {
        name: index
        for index, cell in enumerate(cells)
        for name in ("e-mail", "nazwisko")
        if reading.cell_text(cell).lower() == name
    }
    return columns if "e-mail" in columns else None


def read(name, data, **kwargs):
    kwargs.setdefault("max_bytes", 1024 * 1024)
    with reading.open_table(name=name, data=data, find_header=email_header, **kwargs) as table:
        return table.header, list(table.rows), table.sheet


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250", "utf-16"])
def test_csv_in_the_encodings_polish_offices_use(encoding):
    text = "Lista z dnia 3.03\r\nNazwisko;E-mail\r\nŻółkiewska-Ślęzak;zofia@gmina.example\r\n"

    header, rows, _sheet = read("lista.csv", text.encode(encoding))

    assert header == {"nazwisko": 0, "e-mail": 1}
    assert rows == [(3, ("Żółkiewska-Ślęzak", "zofia@gmina.example"))]


def test_the_delimiter_whose_header_names_most_columns_wins():
    # With ";" the header names one column (e-mail), with "," two (e-mail, nazwisko).
    text = "E-mail;x,E-mail,Nazwisko\na@b.example;y,c@d.example,Gęś\n"

    header, rows, _sheet = read("lista.csv", text.encode())

    assert header == {"e-mail": 1, "nazwisko": 2}
    assert rows == [(2, ("a@b.example;y", "c@d.example", "Gęś"))]


def test_xlsx_uses_the_sheet_with_the_header_and_numbers_rows_as_excel_does():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Notatki: Łucja"])
    sheet = workbook.create_sheet("Obecni")
    sheet.append(["Tytuł listy"])
    sheet.append(["E-mail"])
    sheet.append([2261.0])
    out = io.BytesIO()
    workbook.save(out)

    header, rows, sheet_name = read("lista.xlsx", out.getvalue())

    assert (header, sheet_name) == ({"e-mail": 0}, "Obecni")
    assert rows == [(3, (2261.0,))]
    assert reading.cell_text(rows[0][1][0]) == "2261"


def test_without_a_header_all_rows_are_returned_when_the_caller_allows_it():
    header, rows, _sheet = read(
        "lista.csv", b"anna@gmina.example\nbartosz@gmina.example\n", header_required=False
    )

    assert header is None
    assert rows == [(1, ("anna@gmina.example",)), (2, ("bartosz@gmina.example",))]


@pytest.mark.parametrize(
    ("name", "data", "kwargs", "message"),
    [
        ("lista.csv", b"   ", {}, "Plik jest pusty."),
        ("lista.xls", b"\xd0\xcf\x11\xe0", {}, "Starsze pliki Excela (XLS) nie są obsługiwane."),
        ("lista.odt", b"PK\x03\x04", {}, "Nieobsługiwany rodzaj pliku."),
        ("lista.xlsx", b"PK\x03\x04 zepsuty", {}, "Nie udało się odczytać pliku Excel."),
        ("lista.csv", b"x" * 2048, {"max_bytes": 1024}, "Plik jest za duży"),
    ],
)
def test_bad_files_get_a_polish_message(name, data, kwargs, message):
    with pytest.raises(reading.SpreadsheetError) as caught:
        read(name, data, **kwargs)

    assert message in str(caught.value)


def test_a_missing_header_is_left_for_the_caller_to_explain():
    with pytest.raises(reading.HeaderNotFound):
        read("lista.csv", b"anna@gmina.example\n")
