/* Self-check quizzes: the gaps mkdocs-quiz 1.7.1 leaves (see scripts/hooks/quizzes.py).
 *
 * quizzes.py inlines this file at the top of the content of quiz pages and of the Zelftoetsen
 * overview, so it runs before mkdocs-quiz's own script: on a full load its work waits for
 * DOMContentLoaded, where it is the first listener; after an instant navigation Material re-runs
 * the content's scripts in document order, with the new page already in place.
 * mkdocs-quiz keeps a page's answers in localStorage["quiz_progress_" + path] as
 * {questionId: {answered, correct, selectedValues}}. */
(function () {
  "use strict";
  var PREFIX = "quiz_progress_";
  var TEXT = {
    choose: "Kies eerst een antwoord.",
    noStorage: "Deze browser bewaart geen antwoorden. Je kunt de toets wel maken, " +
      "maar als je de pagina sluit, zijn je antwoorden weg.",
    cleared: "Je antwoorden op deze toets zijn gewist.",
    notStarted: "Nog niet begonnen",
    busy: "Bezig: {a} van {n} beantwoord, {c} goed",
    done: "Afgerond: {c} van {n} goed",
    confirmAll: "Wil je de antwoorden van alle zelftoetsen in deze browser wissen?",
    clearedAll: "Alle antwoorden in deze browser zijn gewist.",
  };

  function fill(text, values) {
    return text.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
  }

  function read(path) {
    try {
      var saved = JSON.parse(localStorage.getItem(PREFIX + path));
      return saved && typeof saved === "object" ? saved : {};
    } catch (e) {
      return {};
    }
  }

  function storageWorks() {
    try {
      localStorage.setItem(PREFIX + "probe", "1");
      localStorage.removeItem(PREFIX + "probe");
      return true;
    } catch (e) {
      return false;
    }
  }

  // Gap: saved answers of a question that was edited or removed would still count in the score.
  // Question ids are hashes of question and options (quizzes.py), so an unknown id is such a one.
  function pruneStore(quizzes) {
    var saved = read(location.pathname), kept = {}, dropped = false;
    var ids = Array.from(quizzes, function (quiz) { return quiz.id; });
    Object.keys(saved).forEach(function (id) {
      if (ids.indexOf(id) >= 0) kept[id] = saved[id]; else dropped = true;
    });
    if (dropped) localStorage.setItem(PREFIX + location.pathname, JSON.stringify(kept));
  }

  // Gap: a reset gives no feedback to a screen reader; this region says it happened.
  function addResetStatus() {
    var button = document.querySelector(".quiz-intro-reset");
    if (!button || document.querySelector(".quiz-reset-status")) return;
    var status = document.createElement("p");
    status.className = "quiz-reset-status";
    status.setAttribute("role", "status");
    button.after(status);
  }

  // Gap: mkdocs-quiz's storage warnings are English; say it in Dutch where the quiz starts.
  function noStorageNotice(quizzes) {
    var note = document.querySelector(".quiz-intro p");
    if (!note) {
      note = document.createElement("p");
      quizzes[0].before(note);
    }
    note.textContent = TEXT.noStorage;
  }

  // The overview: every quiz's status in this browser, from the ids quizzes.py listed.
  function showOverview(overview) {
    overview.querySelectorAll(".quiz-status").forEach(function (cell) {
      var ids = cell.getAttribute("data-quiz-ids").split(" ");
      var saved = read(new URL(cell.closest("tr").querySelector("a").href).pathname);
      var answered = ids.filter(function (id) { return saved[id] && saved[id].answered; });
      var correct = answered.filter(function (id) { return saved[id].correct; }).length;
      var values = { a: answered.length, n: ids.length, c: correct };
      cell.textContent = !answered.length ? TEXT.notStarted
        : fill(answered.length < ids.length ? TEXT.busy : TEXT.done, values);
    });
  }

  function wipeAll(overview) {
    if (!confirm(TEXT.confirmAll)) return;
    var folder = location.pathname.replace(/[^/]*$/, ""); // every quiz lives under the overview's folder
    Object.keys(localStorage).forEach(function (key) {
      if (key.indexOf(PREFIX + folder) === 0) localStorage.removeItem(key);
    });
    showOverview(overview);
    var status = document.querySelector(".quiz-wipe-status");
    if (status) status.textContent = TEXT.clearedAll;
  }

  // Gap: Enter on an option does not submit; arrow keys do not move between checkboxes.
  // (Radios move natively; with auto_submit off that no longer answers.)
  function onKeydown(event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== "answer" || !input.closest(".quiz")) return;
    if (event.key === "Enter") {
      event.preventDefault();
      var button = input.form.querySelector('button[type="submit"]');
      if (button && !button.disabled) input.form.requestSubmit(button);
    } else if (input.type === "checkbox" && /^Arrow(Up|Down|Left|Right)$/.test(event.key)) {
      event.preventDefault();
      var options = Array.from(input.form.querySelectorAll('input[name="answer"]'));
      var step = /Down|Right/.test(event.key) ? 1 : -1;
      options[(options.indexOf(input) + step + options.length) % options.length].focus();
    }
  }

  // Gap: "Controleer" with nothing chosen would lock the question as answered wrong.
  // Listening in the capture phase on the document, this runs before mkdocs-quiz's handler.
  function onSubmit(event) {
    var form = event.target, quiz = form.closest(".quiz");
    if (!quiz || quiz.classList.contains("quiz-fill-blank")) return;
    if (form.querySelector('input[name="answer"]:checked')) return;
    event.preventDefault();
    event.stopPropagation();
    var feedback = form.querySelector(".quiz-feedback");
    feedback.classList.remove("hidden");
    feedback.innerHTML = '<div class="quiz-feedback-item quiz-hint"></div>';
    feedback.firstChild.textContent = TEXT.choose;
  }

  function onClick(event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var overview = document.querySelector(".quiz-overview");
    if (overview && target.closest(".quiz-wipe-all")) wipeAll(overview);
    // mkdocs-quiz's own handler (confirm, then clear) has run: announce if the store is empty now.
    if (target.closest(".quiz-intro-reset, .quiz-results-reset, .quiz-reset-all-link")) {
      var status = document.querySelector(".quiz-reset-status");
      if (status) status.textContent = Object.keys(read(location.pathname)).length ? "" : TEXT.cleared;
    }
  }

  // Gap: the small-screen progress bar is sticky but sits after the last question, so it only
  // shows at the end. Placed before the first question, it stays under the header throughout.
  function moveMobileProgress(quizzes) {
    var bar = document.getElementById("quiz-progress-mobile");
    if (bar) quizzes[0].before(bar);
  }

  function init() {
    var quizzes = document.querySelectorAll(".quiz[id]");
    if (quizzes.length) {
      if (storageWorks()) pruneStore(quizzes); else noStorageNotice(quizzes);
      addResetStatus();
      moveMobileProgress(quizzes);
    }
    var overview = document.querySelector(".quiz-overview");
    if (overview) showOverview(overview);
  }

  // Document-wide listeners survive instant navigation: add them once per document.
  if (!window.quizGapsListening) {
    window.quizGapsListening = true;
    document.addEventListener("keydown", onKeydown);
    document.addEventListener("submit", onSubmit, true);
    document.addEventListener("click", onClick);
    window.addEventListener("pageshow", function (event) { if (event.persisted) init(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
