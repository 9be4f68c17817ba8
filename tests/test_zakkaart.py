"""The pocket card prints on exactly one A4 page in Chromium, with all seven elements and about
ten questions from the information sheet. A PNG of the printed page is written next to the PDF
(the test prints where) for a human look."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest


def count_pages(pdf: bytes, path: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.fixture
def zakkaart(page, base_url):
    page.goto(base_url + "zakkaart/", wait_until="load")
    return page


def test_zakkaart_has_the_seven_elements_and_the_key_questions(zakkaart):
    card = zakkaart.locator(".zakkaart")
    assert card.locator("ol > li").count() == 7
    questions = card.locator("li").filter(has_text="‘")
    assert questions.count() >= 10


def test_zakkaart_prints_on_one_a4_page(zakkaart, tmp_path):
    pdf_path = tmp_path / "zakkaart.pdf"
    pdf = zakkaart.pdf(path=str(pdf_path), format="A4", print_background=True)
    assert count_pages(pdf, pdf_path) == 1
    if shutil.which("pdftoppm"):  # a picture to look at (pytest -s shows where)
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf_path), str(tmp_path / "zakkaart")],
                       check=True)
        print(f"zakkaart printed: {tmp_path / 'zakkaart-1.png'}")
