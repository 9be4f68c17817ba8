"""The pocket card (zakkaart) prints on exactly one A4 page in Chromium, with the seven elements
and at least ten quoted example questions. A PNG of the printed page is written next to the PDF
(pytest -s shows where) for a human look."""

from __future__ import annotations

import subprocess

import pytest

from conftest import pdf_page_count, pdf_text


@pytest.fixture
def zakkaart(page, base_url):
    page.goto(base_url + "zakkaart/", wait_until="load")
    return page


def test_zakkaart_has_the_seven_elements_and_ten_questions(zakkaart):
    card = zakkaart.locator(".zakkaart")
    assert card.locator("ol > li").count() == 7
    questions = card.locator("li").filter(has_text="‘")
    assert questions.count() >= 10


def test_zakkaart_prints_on_one_a4_page(zakkaart, tmp_path):
    pdf_path = tmp_path / "zakkaart.pdf"
    zakkaart.pdf(path=str(pdf_path), format="A4", print_background=True)
    assert pdf_page_count(pdf_path) == 1
    assert "De zeven elementen" in pdf_text(pdf_path)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(pdf_path), str(tmp_path / "zakkaart")], check=True)
    print(f"zakkaart printed: {tmp_path / 'zakkaart-1.png'}")
