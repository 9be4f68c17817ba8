"""The module in a learning platform (scripts/lms.py, `./run lms`): the SCORM 1.2 package, run in
Chromium against a real SCORM 1.2 runtime (scorm-again, npm, pinned) in a stand-in LMS page
(tests/lms/), and the QTI question banks.

One package build per test session (`lms_build`). The stand-in LMS serves the unpacked zip at
/package/ beside its own page, as an LMS serves a package from its own origin, and records every
request (`lms_server.requests`).
"""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from conftest import BUILD_ENV, ROOT, site_config
from configfile import config_file, is_institution_file
from localbrowser import QuietHandler, serve
from quiztools import SETTINGS, choose, flat

NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2", "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
EXAM = "zelftoetsen/eindtoets.html"
LIMIT = 4096  # cmi.suspend_data in SCORM 1.2
REF = re.compile(r"""<(?:link|script|img|source|iframe)\b[^>]*?\s(?:href|src)="([^"]+)\"""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
SESSION_TIME = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")


# --- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def lms_build(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("lms")
    env = {k: v for k, v in BUILD_ENV.items() if k != "SITE_URL"}  # links to the intranet: off
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "lms.py"), str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        pytest.fail(f"LMS build failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    return dest


@pytest.fixture(scope="session")
def package_zip(lms_build) -> Path:
    zips = sorted(lms_build.glob("*.zip"))
    assert len(zips) == 1, zips
    return zips[0]


@pytest.fixture(scope="session")
def manifest(package_zip) -> ET.Element:
    with zipfile.ZipFile(package_zip) as zf:
        return ET.fromstring(zf.read("imsmanifest.xml"))


def manifest_files(manifest) -> set[str]:
    return {unquote(f.get("href")) for f in manifest.iterfind(".//cp:resource/cp:file", NS)}


def launch_href(manifest) -> str:
    (resource,) = manifest.findall(".//cp:resource", NS)
    return resource.get("href")


@pytest.fixture(scope="session")
def lms_server(package_zip, tmp_path_factory):
    """The stand-in LMS: its page and scorm-again at /, the unpacked package at /package/."""
    root = tmp_path_factory.mktemp("lms-server")
    with zipfile.ZipFile(package_zip) as zf:
        zf.extractall(root / "package")
    runtime = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js"
    if not runtime.exists():
        pytest.fail("scorm-again is missing: run ./run test (it runs npm ci)", pytrace=False)
    shutil.copy(runtime, root)
    for part in (ROOT / "tests" / "lms").iterdir():
        shutil.copy(part, root)
    requests: list[str] = []

    class Recorder(QuietHandler):
        def do_GET(self):
            requests.append(unquote(urlsplit(self.path).path))
            super().do_GET()

    server, url = serve(root, handler=Recorder)
    yield SimpleNamespace(url=url, root=root, requests=requests)
    server.shutdown()


def launch(page, lms_server, manifest, saved=None, in_window=False):
    """Open the stand-in LMS and start the package (the manifest's launch page) with `saved`,
    the data a previous session left; return the frame that shows the module's pages."""
    page.goto(lms_server.url + "lms.html")
    page.evaluate("([href, saved, mastery, inWindow]) => lms.launch(href, saved, mastery, inWindow)",
                  ["package/" + launch_href(manifest), saved, mastery_score(manifest), in_window])
    return page


def content(page, path: str | None = None):
    """The module's page in the launch page's frame, once loaded (at `path` in the package)."""
    page.wait_for_function("""() => {
        const sco = document.querySelector('#sco');
        const inner = sco && sco.contentDocument && sco.contentDocument.querySelector('#scorm-content');
        return inner && inner.contentDocument && inner.contentDocument.readyState === 'complete'
            && inner.contentWindow.location.pathname.startsWith('/package/');
    }""")
    found = next(f for f in page.frames if urlsplit(f.url).path.startswith("/package/")
                 and not f.url.endswith("scorm-start.html"))
    if path:
        found.goto(found.url.split("/package/")[0] + "/package/" + path)
    found.wait_for_load_state()
    return found


def mastery_score(manifest) -> int:
    return int(manifest.find(".//adlcp:masteryscore", NS).text)


def cmi(page) -> dict:
    return page.evaluate("lms.saved()")


def sets(page, element: str) -> list[str]:
    return page.evaluate("el => lms.calls.filter(c => c.element === el).map(c => c.value)", element)


def answer_exam(frame, wrong: int) -> list[bool]:
    """Answer the Eindtoets (the first `wrong` questions wrong) and hand it in."""
    quizzes = frame.locator(".quiz")
    total = quizzes.count()
    assert total >= 15
    right = [n >= wrong for n in range(total)]
    for n, ok in enumerate(right):
        choose(quizzes.nth(n), ok)
    frame.get_by_role("button", name="Inleveren").click()
    expect(frame.locator(".quiz-review")).to_be_visible()
    return right


# Every page load starts Material's search worker afresh (no instant navigation in the package);
# leaving a page while its worker still loads a script makes Chromium report that load as failed.
ABORTED_WORKER_LOAD = re.compile(r"^Failed to execute 'importScripts' on 'WorkerGlobalScope': "
                                 r"The script at 'http://127\.0\.0\.1:\d+/package/([^']+)' failed to load\.$")


def no_errors(page, manifest) -> None:
    """No request to another host and no console error, but a worker's script load cut off by
    leaving the page (of a file that is in the package: a missing one fails the request tests)."""
    assert page.foreign_requests == []
    listed = manifest_files(manifest)
    errors = [e for e in page.console_errors
              if not ((m := ABORTED_WORKER_LOAD.match(e)) and m.group(1) in listed)]
    assert errors == []


def leave(page, manifest) -> dict:
    """The learner leaves (the LMS takes the SCO away); return what the LMS keeps. Console errors
    are checked before: tearing the pages down may report some."""
    no_errors(page, manifest)
    page.evaluate("lms.unload()")
    page.wait_for_function("lms.finished()")
    page.console_errors.clear()
    return cmi(page)


def checked(frame) -> list[str]:
    return frame.locator(".quiz input:checked").evaluate_all("els => els.map(e => e.id)")


def suspend_state(data: dict) -> dict:
    """The quiz state in suspend_data, decoded as far as the test needs (JSON, see scorm.js)."""
    state = json.loads(data["suspend_data"])
    assert isinstance(state, dict)
    return state


# --- the package ---------------------------------------------------------------------------------

def test_manifest_is_scorm_12_and_lists_every_file(package_zip, manifest):
    assert manifest.tag == f"{{{NS['cp']}}}manifest"
    assert manifest.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    orgs = manifest.find("cp:organizations", NS)
    (org,) = orgs.findall("cp:organization", NS)
    assert orgs.get("default") == org.get("identifier")
    config = site_config()  # the institution's site name, when it has a settings file
    assert org.findtext("cp:title", namespaces=NS) == config["site_name"]
    (item,) = org.findall("cp:item", NS)
    (resource,) = manifest.findall("cp:resources/cp:resource", NS)
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(f"{{{NS['adlcp']}}}scormtype") == "sco" and resource.get("type") == "webcontent"
    assert mastery_score(manifest) == SETTINGS["pass_mark"]
    version = yaml.safe_load((ROOT / "data" / "changelog.yml").read_text(encoding="utf-8"))[0]["version"]
    assert manifest.get("version") == str(version) and package_zip.name.endswith(f"-{version}.zip")

    with zipfile.ZipFile(package_zip) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        assert zf.testzip() is None
    assert names[0] == "imsmanifest.xml", "the manifest must be at the root"
    listed = manifest_files(manifest)
    assert len(listed) == len(names) - 1 >= 80
    assert listed == set(names) - {"imsmanifest.xml"}, "files in the zip and in the manifest differ"
    assert launch_href(manifest) in listed


def test_learner_pages_in_trainer_pages_out(package_zip, manifest):
    listed = manifest_files(manifest)
    pages = {n for n in listed if n.endswith(".html")}
    for src in sorted((ROOT / "docs").rglob("*.md")):
        rel = src.relative_to(ROOT / "docs").with_suffix(".html").as_posix()
        if rel.startswith("workshop/"):
            assert rel not in pages, f"trainer material in the package: {rel}"
        else:
            assert rel in pages, f"learner page missing from the package: {rel}"
    assert not any(n.startswith("workshop/") for n in listed)
    assert {n for n in listed if n.endswith(".pdf")} == {"zakkaart/zakkaart-kaartjes.pdf", "zakkaart/zakkaart-a4.pdf"}
    with zipfile.ZipFile(package_zip) as zf:
        home = zf.read("index.html").decode()
        nav = zf.read(EXAM).decode()
    assert "Bereid de workshop voor" in home and 'href="workshop/' not in home
    if is_institution_file(config_file()):  # its settings file gives the intranet address: links go there
        intranet = site_config()["site_url"].rstrip("/") + "/workshop/"
        assert f'<a href="{intranet}" target="_blank" rel="noopener">Bereid de workshop voor' in home
    else:
        assert "<span>Bereid de workshop voor</span>" in home, "the link to a page left out is not plain text"
    assert ">Workshop<" not in nav, "the navigation still has the workshop section"
    outside = re.findall(r'<a [^>]*href="https?://[^>]*>', home)
    assert len(outside) >= 1
    assert all('target="_blank"' in a and 'rel="noopener"' in a for a in outside), "other sites open in the LMS frame"


def test_every_file_the_pages_load_is_in_the_package(package_zip, manifest):
    """Statically: every stylesheet, script, image and frame of every page, and every url() of
    every stylesheet, is a file listed in the manifest (the requests are checked in the runs)."""
    listed = manifest_files(manifest)
    checked_refs = 0
    missing = []
    with zipfile.ZipFile(package_zip) as zf:
        for name in sorted(listed):
            if not name.endswith((".html", ".css")):
                continue
            text = zf.read(name).decode("utf-8")
            refs = REF.findall(text) if name.endswith(".html") else CSS_URL.findall(text)
            for ref in refs:
                url = urlsplit(ref)
                assert url.scheme in ("", "data"), f"{name} loads {ref} from elsewhere"
                if url.scheme or not url.path:
                    continue
                target = Path(name).parent.joinpath(unquote(url.path)).as_posix()
                target = "/".join(_normalise(target))
                checked_refs += 1
                if target not in listed:
                    missing.append(f"{name}: {ref}")
    assert checked_refs >= 40 * 8
    assert missing == []


def _normalise(path: str) -> list[str]:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            assert out, path
            out.pop()
        elif part not in ("", "."):
            out.append(part)
    return out


def test_intranet_site_has_no_adapter(site_dir, manifest):
    """Without an LMS nothing of this runs: the intranet build has no launch page, adapter or relay."""
    files = [p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    assert len(files) >= 80
    own = {name for name in manifest_files(manifest) if "scorm" in name}
    # The adapter, relay and style carry content-hashed names (scripts/hooks/assets.py).
    unhashed = {re.sub(r"\.[0-9a-f]{8}(?=\.(?:css|js)$)", "", name) for name in own}
    assert unhashed == {launch_href(manifest), "assets/js/scorm.js", "assets/js/scorm-relay.js", "assets/css/scorm.css"}
    assert not own & set(files)
    stems = {name.rsplit("/", 1)[-1].split(".")[0] for name in own}  # scorm-start, scorm, scorm-relay
    for html in site_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not [stem for stem in stems if re.search(rf"\b{re.escape(stem)}[.\"]", text)], html.relative_to(site_dir)


# --- the runtime -------------------------------------------------------------------------------

def test_passing_run_reports_to_the_lms_and_answers_come_back(page, lms_server, manifest):
    launch(page, lms_server, manifest)
    home = content(page)
    assert urlsplit(home.url).path == "/package/index.html"
    page.wait_for_function("lms.calls.some(c => c.element === 'cmi.core.lesson_status')")
    assert sets(page, "cmi.core.lesson_status") == ["incomplete"]
    assert page.evaluate("lms.calls[0]") == {"call": "LMSInitialize"}

    # Through the module's own navigation to the Eindtoets.
    home.get_by_role("link", name="Zelftoetsen", exact=True).first.click()  # the tab (hidden links don't count)
    home.wait_for_url(re.compile(r"/zelftoetsen/index\.html$"))
    exam = content(page)
    exam.locator(".md-content a[href='eindtoets.html']").first.click()
    exam.wait_for_url(re.compile(r"/zelftoetsen/eindtoets\.html$"))
    exam = content(page)
    page.wait_for_function(f"lms.calls.some(c => c.element === 'cmi.core.lesson_location' && c.value === '{EXAM}')")

    right = answer_exam(exam, wrong=2)
    page.wait_for_function("lms.saved().core.lesson_status === 'passed'")
    data = cmi(page)
    total, score = len(right), sum(right)
    raw = int(10000 * score / total) / 100
    assert data["core"]["score"] == {"raw": f"{raw:g}", "min": "0", "max": "100"}
    assert float(data["core"]["score"]["raw"]) >= mastery_score(manifest)
    assert flat(exam.locator(".quiz-review-score").inner_text()).startswith(f"{score} van {total}")
    calls = page.evaluate("lms.calls.map(c => c.call + (c.element ? ' ' + c.element : ''))")
    result_set = max(i for i, call in enumerate(calls) if call == "LMSSetValue cmi.core.lesson_status")
    assert "LMSCommit" in calls[result_set:], "the result was not committed"
    state = suspend_state(data)
    progress = state["progress:" + EXAM]
    assert len(progress) == total and len(data["suspend_data"]) <= LIMIT
    ids = exam.locator(".quiz").evaluate_all("qs => qs.map(q => q.id)")
    assert set(progress) == set(ids)
    for qid, ok in zip(ids, right):
        assert progress[qid][0] == (1 if ok else 0), qid
    assert "handedin:" + EXAM in state and "draft:" + EXAM not in state
    before = checked(exam)
    assert len(before) >= total

    # The learner leaves: session time, exit "suspend", commit, finish.
    data = leave(page, manifest)
    assert data["core"]["exit"] == "suspend"
    assert SESSION_TIME.match(data["core"]["session_time"]), data["core"]["session_time"]
    assert page.evaluate("lms.calls.slice(-2).map(c => c.call)") == ["LMSCommit", "LMSFinish"]
    print(f"\nPassing run: lesson_status={data['core']['lesson_status']} score={data['core']['score']} "
          f"session_time={data['core']['session_time']} suspend_data={len(data['suspend_data'])} characters")

    # Nothing of the learner stays in the browser (a shared computer) ...
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz_'))") == []
    # ... and when the learner comes back, the LMS's data bring the answers back.
    launch(page, lms_server, manifest, saved=data)
    again = content(page)
    assert urlsplit(again.url).path == "/package/" + EXAM, "the learner does not return to the page left"
    expect(again.locator(".quiz-review")).to_be_visible()
    assert checked(again) == before, "the answers did not come back"
    assert flat(again.locator(".quiz-review-score").inner_text()).startswith(f"{score} van {total}")
    assert sets(page, "cmi.core.lesson_status") == [], "a returning learner's status was reset"
    no_errors(page, manifest)

    # Practising afterwards and failing does not take the pass away (the best result counts).
    page.once("dialog", lambda dialog: dialog.accept())
    again.get_by_role("button", name="Opnieuw", exact=True).click()
    expect(again.locator(".quiz-handin")).to_be_visible()
    page.wait_for_function(f"!JSON.parse(lms.saved().suspend_data)['handedin:{EXAM}']")
    answer_exam(again, wrong=total)
    page.wait_for_function(f"JSON.parse(lms.saved().suspend_data)['handedin:{EXAM}']")
    assert cmi(page)["core"]["lesson_status"] == "passed"
    assert cmi(page)["core"]["score"]["raw"] == f"{raw:g}"


def test_failing_run_reports_failed(page, lms_server, manifest):
    # A shared computer: the previous learner's answers and name are still in this browser, and
    # those of another package on the same LMS.
    page.goto(lms_server.url + "lms.html")
    earlier = {f"quiz_handedin_/package/{EXAM}": "2026-12-01", "quiz_name": "Vorige Cursist",
               f"quiz_progress_/package/{EXAM}": "{}",
               f"quiz_progress_/andere-module/{EXAM}": "{}"}
    page.evaluate("items => Object.entries(items).forEach(([k, v]) => localStorage.setItem(k, v))", earlier)
    launch(page, lms_server, manifest)
    exam = content(page, EXAM)
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz_')).sort()")
    assert kept == [f"quiz_progress_/andere-module/{EXAM}"], "an earlier learner's answers or name remain"
    expect(exam.locator(".quiz-handin")).to_be_visible()
    total = exam.locator(".quiz").count()
    wrong = next(w for w in range(total + 1) if (total - w) * 100 < SETTINGS["pass_mark"] * total)
    right = answer_exam(exam, wrong=wrong)
    page.wait_for_function("lms.saved().core.lesson_status === 'failed'")
    data = cmi(page)
    raw = int(10000 * sum(right) / total) / 100
    assert data["core"]["score"] == {"raw": f"{raw:g}", "min": "0", "max": "100"}
    assert float(data["core"]["score"]["raw"]) < mastery_score(manifest)
    progress = suspend_state(data)["progress:" + EXAM]
    assert [v[0] for v in progress.values()].count(0) == wrong
    assert exam.locator(".quiz-review-verdict").inner_text().startswith("Nog niet geslaagd")
    data = leave(page, manifest)
    assert data["core"]["lesson_status"] == "failed" and data["core"]["exit"] == "suspend"
    print(f"\nFailing run: lesson_status={data['core']['lesson_status']} score={data['core']['score']} "
          f"session_time={data['core']['session_time']} suspend_data={len(data['suspend_data'])} characters")


def test_api_on_the_opener_window(page, lms_server, manifest):
    """A package the LMS opens in a new window finds the API on the opener."""
    with page.context.expect_page() as popup_info:
        launch(page, lms_server, manifest, in_window=True)
    popup = popup_info.value
    popup.wait_for_load_state()
    page.wait_for_function("lms.calls.some(c => c.element === 'cmi.core.lesson_status')")
    assert sets(page, "cmi.core.lesson_status") == ["incomplete"]
    frame = popup.frame_locator("#scorm-content")
    expect(frame.locator("h1")).to_contain_text("therapeutische relatie")
    popup.close()
    page.wait_for_function("lms.finished()")


def test_without_an_lms_the_package_still_works(page, lms_server, manifest, axe_source):
    """Opened on its own (no API anywhere): the pages show, nothing is stored differently."""
    page.goto(lms_server.url + "lms.html")  # the same origin, no launch: no API is set
    page.evaluate("localStorage.setItem('quiz_name', 'Kees')")
    page.goto(lms_server.url + "package/" + launch_href(manifest))
    frame = page.frame_locator("#scorm-content")
    expect(frame.locator("h1")).to_contain_text("therapeutische relatie")
    assert page.evaluate("localStorage.getItem('quiz_name')") == "Kees", "storage changed without an LMS"
    inner = next(f for f in page.frames if f.url.endswith("/package/index.html"))
    expect(page).to_have_title(inner.title())
    page.add_script_tag(content=axe_source)
    # The launch page itself; the pages in the frame are checked by test_pages.py.
    violations = page.evaluate("async () => (await axe.run(document, {iframes: false})).violations.map(v => v.id)")
    assert violations == []
    no_errors(page, manifest)


def test_requests_stay_in_the_package_and_the_manifest(page, lms_server, manifest):
    """Every file the pages load (pages, search with its worker and index) is in the manifest."""
    launch(page, lms_server, manifest)
    frame = content(page, "elementen/empathie.html")
    query = frame.locator("input.md-search__input")
    query.click()
    query.press_sequentially("empathisch")
    expect(frame.locator(".md-search-result__item").first).to_be_visible()
    content(page, EXAM)
    listed = manifest_files(manifest)
    loaded = [r.removeprefix("/package/") for r in lms_server.requests if r.startswith("/package/")]
    assert len(set(loaded)) >= 15
    assert "search/search_index.json" in loaded or "search/search_index.js" in loaded
    assert sorted(set(loaded) - listed) == [], "loaded but not in the manifest"
    assert {r for r in lms_server.requests if not r.startswith("/package/")} <= {"/lms.html", "/lms.js",
                                                                                 "/scorm12.min.js"}
    no_errors(page, manifest)


def test_suspend_data_stays_under_4096_characters(page, lms_server, manifest, package_zip):
    """The most the answers can take: every question of every quiz answered with every option,
    the Eindtoets handed in, every quiz marked done, a long name. Written by a page of the
    package, as quiz.js would; what the LMS gets must fit and must restore exactly."""
    with zipfile.ZipFile(package_zip) as zf:
        pages = {name: zf.read(name).decode() for name in sorted(manifest_files(manifest))
                 if name.startswith("zelftoetsen/") and 'id="quiz-config"' in zf.read(name).decode()}
    worst = {}
    for name, text in pages.items():
        ids = list(dict.fromkeys(re.findall(r'<div class="quiz"[^>]* id="(quiz-[0-9a-f]{8})"', text)))
        if not ids:
            continue
        options = {qid: sorted(set(re.findall(rf'id="{qid}-(\d+)"', text))) for qid in ids}
        path = "/package/" + name
        worst[f"quiz_progress_{path}"] = json.dumps(
            {qid: {"answered": True, "correct": False, "selectedValues": options[qid]} for qid in ids})
        worst[f"quiz_done_{path}"] = "0123abcd"
        if name == EXAM:
            worst[f"quiz_handedin_{path}"] = "2026-12-31"
    worst["quiz_name"] = "Anna Maria Elisabeth de Vries-van den Berg-Oosterhuis, GZ-psycholoog i.o." * 2
    assert sum(k.startswith("quiz_progress_") for k in worst) >= 9

    launch(page, lms_server, manifest)
    frame = content(page)
    frame.evaluate("items => Object.entries(items).forEach(([k, v]) => localStorage.setItem(k, v))", worst)
    page.wait_for_function("lms.saved().suspend_data.length > 1000")
    data = cmi(page)
    size = len(data["suspend_data"])
    print(f"\nsuspend_data, worst case: {size} of {LIMIT} characters")
    assert size <= LIMIT

    saved = leave(page, manifest)
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('quiz_'))") == []
    launch(page, lms_server, manifest, saved=saved)
    content(page)
    restored = page.evaluate("() => Object.fromEntries(Object.keys(localStorage)"
                             ".filter(k => k.startsWith('quiz_')).map(k => [k, localStorage.getItem(k)]))")
    decoded = {k: json.loads(v) if v.startswith("{") else v for k, v in restored.items()}
    assert decoded == {k: json.loads(v) if v.startswith("{") else v for k, v in worst.items()}


# --- QTI ---------------------------------------------------------------------------------------

def test_qti_banks_hold_every_question_option_and_feedback(lms_build):
    from mkdocs_quiz.qti import extract_quizzes_from_file

    quiz_pages = [p for p in sorted((ROOT / "docs" / "zelftoetsen").glob("*.md")) if "<quiz>" in p.read_text()]
    banks = sorted((lms_build / "qti").glob("*.zip"))
    assert [b.stem for b in banks] == [p.stem for p in quiz_pages] and len(banks) >= 9
    counts = {}
    for bank, source in zip(banks, quiz_pages):
        quizzes = extract_quizzes_from_file(source)
        with zipfile.ZipFile(bank) as zf:
            xml = {name: ET.fromstring(zf.read(name)) for name in zf.namelist()}  # well-formed, or it raises
        items = {n: x for n, x in xml.items() if n.startswith("items/")}
        assert len(items) == len(quizzes), bank.name
        refs = [r.get("linkrefid") for r in xml["assessment.xml"].iter(f"{QTI}itemref")]
        assert len(refs) == len(quizzes)
        hrefs = {f.get("href") for f in xml["imsmanifest.xml"].iter("{http://www.imsglobal.org/xsd/imscp_v1p1}file")}
        assert hrefs == set(xml) - {"imsmanifest.xml"}, f"{bank.name}: manifest and files differ"
        title = xml["assessment.xml"].find(f"{QTI}assessment").get("title")
        assert title == yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])["title"]
        for ref, quiz in zip(refs, quizzes):
            item = items[f"items/{ref}.xml"].find(f"{QTI}item")
            question = "".join(item.find(f"{QTI}presentation/{QTI}material").itertext())
            assert flat(strip_tags(question)).startswith(flat(strip_md(quiz.question))[:40]), ref
            labels = item.findall(f".//{QTI}response_label")
            assert len(labels) == len(quiz.answers) >= 3
            feedback = {f.get("ident"): flat(strip_tags("".join(f.itertext())))
                        for f in item.iter(f"{QTI}itemfeedback")}
            shown = {d.get("linkrefid") for d in item.iter(f"{QTI}displayfeedback")}
            for label, answer in zip(labels, quiz.answers):
                assert flat(strip_tags("".join(label.itertext()))) == flat(strip_md(answer.text))
                assert answer.feedback, f"{source.name}: an option without feedback"
                assert feedback[label.get("ident") + "-fb"] == flat(strip_md(answer.feedback))
                assert label.get("ident") + "-fb" in shown
            right = {v.text for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None
                     and not c.find(f"{QTI}setvar").text.startswith("-") for v in c.iter(f"{QTI}varequal")}
            assert right == {lab.get("ident") for lab, a in zip(labels, quiz.answers) if a.is_correct}
            assert "general_fb" in feedback and "general_fb" in shown
            assert ".md" not in feedback["general_fb"], "a link to a site page left in the explanation"
        counts[bank.stem] = len(quizzes)
    print("\nQTI questions per bank:", counts, "total", sum(counts.values()))


def strip_tags(text: str) -> str:
    """The text of HTML (a question bank's mattext is HTML: `&amp;` shows as `&`)."""
    return htmllib.unescape(re.sub(r"<[^>]+>", "", text))


def strip_md(text: str) -> str:
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"\*\*?([^*]+)\*\*?", r"\1", text)


# --- the package build's own rules (in memory, no build) ------------------------------------------

def _plugin(gone: dict[str, str] | None = None):
    import lms  # scripts/ is on the path (conftest)

    plugin = lms.PackagePlugin()
    plugin.gone.update(gone or {})
    return lms, plugin


def _page(src_uri: str, url: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_package_texts_replace_intranet_sentences(package_zip):
    lms, plugin = _plugin()
    with zipfile.ZipFile(package_zip) as zf:
        for text in lms.SETTINGS["texts"]:
            page = zf.read(text["page"].removesuffix(".md") + ".html").decode()
            assert flat(text["lms"]) in flat(page) and flat(text["site"]) not in flat(page), text["page"]
    text = lms.SETTINGS["texts"][0]
    source = (ROOT / "docs" / text["page"]).read_text(encoding="utf-8")
    assert flat(text["lms"]) in flat(plugin.on_page_markdown(source, _page(text["page"], ""), None, None))
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"data/lms\.yml: texts: .* is no longer on the page\. Fix: "):
        plugin.on_page_markdown(source.replace(text["site"].split()[3], "ergens"), _page(text["page"], ""),
                                None, None)


def test_links_to_pages_left_out(monkeypatch):
    lms, plugin = _plugin({"workshop/handout.html": "workshop/handout.md"})
    html = '<a href="../workshop/handout.html#stap-2" class="x">Hand-out</a> <a href="../bronnen.html">Bronnen</a>'
    page = _page("elementen/empathie.md", "elementen/empathie.html")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert plugin.on_post_page(html, page, None) == \
        '<span>Hand-out</span> <a href="../bronnen.html">Bronnen</a>'
    monkeypatch.setenv("SITE_URL", "https://intranet.example.nl/tr/")
    assert plugin.on_post_page(html, page, None) == (
        '<a href="https://intranet.example.nl/tr/workshop/handout/#stap-2" target="_blank" rel="noopener">'
        'Hand-out</a> <a href="../bronnen.html">Bronnen</a>')
    assert lms.html("Zie [de stap](../workshop/index.md).", "zelftoetsen/tips.md") == \
        '<p>Zie <a href="https://intranet.example.nl/tr/workshop/">de stap</a>.</p>'
    monkeypatch.delenv("SITE_URL")
    assert lms.html("Zie [de stap](../workshop/index.md).", "zelftoetsen/tips.md") == "<p>Zie de stap.</p>"
