/* Self-check quizzes: the learning-module behaviour around mkdocs-quiz 1.7.1's questions
 * (markup: scripts/hooks/quizzes.py; look: overrides/assets/css/quiz.css).
 *
 * Loading. scripts/hooks/assets.py puts this file (under a hashed name, `defer`) at the end of the
 * content of quiz pages, right before mkdocs-quiz's own script, so it runs first: on a full load
 * both run in document order once the page is parsed; after an instant navigation Material runs
 * the content's scripts in document order again, with the new page already in place. It needs no
 * inline event handler, no script in a URL and no eval (it runs under the site's
 * Content-Security-Policy). The Zelftoetsen overview has its own small script, quiz-overview.js.
 *
 * Storage. Everything lives in localStorage under keys that start with "quiz_"; <path> is
 * location.pathname of the quiz page (e.g. "/zelftoetsen/eindtoets/"):
 *   quiz_progress_<path>   mkdocs-quiz's answers: {questionId: {answered, correct, selectedValues}}.
 *                          Malformed entries and entries of questions that no longer exist are
 *                          dropped here before mkdocs-quiz reads them.
 *   quiz_draft_<path>      Eindtoets only: choices before hand-in, {questionId: [values]}.
 *   quiz_handedin_<path>   Eindtoets only: the date of the hand-in, "YYYY-MM-DD".
 *   quiz_done_<path>       the quiz's fingerprint once every question is answered (the Eindtoets:
 *                          handed in); quiz-status.js shows the check mark in the navigation.
 *   quiz_name              the name typed for the proof of participation (only in this browser).
 *   quiz_probe             written and removed at once, to find out whether storage works.
 * "Wis alle antwoorden" on the overview (quiz-overview.js) removes every key that starts with "quiz_".
 *
 * Events, dispatched on document:
 *   quiz:handed-in   the Eindtoets is handed in; detail = {score, max, percent, passed, passMark}
 *                    (score: questions right; max: questions; percent: 0–100, rounded; passMark:
 *                    percent needed, data/quiz.yml).
 *   quiz:restarted   "Opnieuw" on the handed-in Eindtoets has cleared it.
 *   quiz:status      a quiz's finished state changed (quiz-status.js updates the check marks). */
(function () {
  "use strict";
  document.documentElement.classList.add("quiz-js"); // before the quizzes are parsed: no flash

  var KEY = { progress: "quiz_progress_", draft: "quiz_draft_", handedIn: "quiz_handedin_",
    done: "quiz_done_", name: "quiz_name" };
  var TEXT = {
    choose: "Kies eerst een antwoord.",
    noStorage: "Deze browser bewaart geen antwoorden. Je kunt de toets wel maken, " +
      "maar als je de pagina sluit, zijn je antwoorden weg.",
    nextQuestion: "Volgende vraag",
    toResult: "Naar je resultaat",
    progressCorrect: " · {c} goed",
    right: "Goed.",
    wrong: "Niet goed. Het goede antwoord staat erbij.",
    wrongMany: "Niet goed. De goede antwoorden staan erbij.",
    score: "Je hebt {c} van {n} vragen goed.",
    allRight: "Alles goed. Ga verder met de volgende zelftoets, of lees de pagina nog eens door.",
    someWrong: "Lees bij de vragen die niet goed gingen de toelichting, en de pagina waar die naar verwijst.",
    cleared: "Je antwoorden op deze toets zijn gewist.",
    missing: "Beantwoord eerst alle vragen. Nog open: ",
    question: "vraag {n}",
    questionLink: "Vraag {n}",
    handedIn: "Ingeleverd: {c} van {n} goed ({p}%). ",
    passed: "Geslaagd: de norm is {m}%.",
    failed: "Nog niet geslaagd: de norm is {m}%.",
    passedLong: "Geslaagd. De norm is {m}% goed.",
    failedLong: "Nog niet geslaagd. De norm is {m}% goed: je had er {k} meer goed nodig. Lees de pagina’s " +
      "hieronder nog eens, bekijk de toelichting bij je antwoorden en maak de toets dan opnieuw.",
    scoreLong: "{c} van {n} vragen goed ({p}%)",
    topicScore: "{c} van {n}",
    verdictRight: "goed",
    verdictWrong: "niet goed",
    restarted: "De eindtoets is gewist. Je kunt opnieuw beginnen.",
    needName: "Vul eerst je naam in.",
  };
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december"];

  var handingIn = false;  // true while the Eindtoets submits every question at once
  var resetSnapshot = 0;  // answered questions just before a click on a reset button

  function fill(text, values) {
    return text.replace(/\{(\w)\}/g, function (_, key) { return values[key]; });
  }

  // --- storage: never throws (blocked storage only means nothing is kept) ----------------------

  function getItem(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function setItem(key, value) {
    try { localStorage.setItem(key, value); return true; } catch (e) { return false; }
  }
  function removeItem(key) {
    try { localStorage.removeItem(key); } catch (e) { /* nothing kept anyway */ }
  }
  function readObject(key) {
    try {
      var value = JSON.parse(getItem(key));
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) {
      return {};
    }
  }
  function storageWorks() {
    return setItem("quiz_probe", "1") && (removeItem("quiz_probe"), true);
  }

  // The page's settings, from data attributes that quizzes.py writes.
  function config() {
    var el = document.getElementById("quiz-config");
    if (!el) return null;
    return { handIn: el.getAttribute("data-hand-in") === "true", passMark: Number(el.getAttribute("data-pass-mark")),
      fingerprint: el.getAttribute("data-fingerprint") };
  }

  // --- the questions ---------------------------------------------------------------------------

  function quizzes() {
    return Array.from(document.querySelectorAll(".quiz[id]"));
  }
  function options(quiz) {
    return Array.from(quiz.querySelectorAll('input[name="answer"]'));
  }
  function values(quiz) {
    return options(quiz).map(function (input) { return input.value; });
  }
  function rightValues(quiz) {
    return options(quiz).filter(function (i) { return i.hasAttribute("data-correct"); })
      .map(function (i) { return i.value; });
  }
  function sameSet(a, b) {
    return a.length === b.length && a.every(function (v) { return b.indexOf(v) >= 0; });
  }

  // A stored answer is kept only if it is well formed and fits the question as it is now; its
  // `correct` is worked out again from the options. Anything else is dropped (it would stop
  // mkdocs-quiz's set-up of every question after it).
  function cleanEntry(entry, quiz) {
    if (!entry || typeof entry !== "object" || entry.answered !== true || !Array.isArray(entry.selectedValues)) {
      return null;
    }
    var chosen = entry.selectedValues, known = values(quiz);
    var radio = quiz.querySelector('input[type="radio"]') !== null;
    if (!chosen.length || (radio && chosen.length > 1)) return null;
    for (var i = 0; i < chosen.length; i++) {
      if (typeof chosen[i] !== "string" || known.indexOf(chosen[i]) < 0 || chosen.indexOf(chosen[i]) !== i) return null;
    }
    return { answered: true, correct: sameSet(chosen, rightValues(quiz)), selectedValues: chosen.slice() };
  }

  function cleanStore(list, cfg) {
    var key = KEY.progress + location.pathname, raw = getItem(key);
    if (raw === null) return {};
    var saved = readObject(key), kept = {}, count = 0;
    list.forEach(function (quiz) {
      var entry = cleanEntry(saved[quiz.id], quiz);
      if (entry) { kept[quiz.id] = entry; count++; }
    });
    // An Eindtoets is handed in as a whole: a partial set (a question was edited since) goes
    // back to the draft, so the learner finishes it and hands in again.
    if (cfg && cfg.handIn && count && count < list.length) {
      var draft = readObject(KEY.draft + location.pathname);
      Object.keys(kept).forEach(function (id) { draft[id] = kept[id].selectedValues; });
      setItem(KEY.draft + location.pathname, JSON.stringify(draft));
      removeItem(KEY.handedIn + location.pathname);
      kept = {};
      count = 0;
    }
    var clean = JSON.stringify(kept);
    if (clean !== raw) {
      if (count) setItem(key, clean); else removeItem(key);
    }
    return kept;
  }

  // Per question: {answered, correct}. The page shows an answer once mkdocs-quiz has restored it
  // (inputs disabled); until then the cleaned store says what it will show.
  var stored = {};
  function state(quiz) {
    var inputs = options(quiz);
    if (inputs.length && inputs.every(function (i) { return i.disabled; })) {
      var chosen = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      return { answered: true, correct: sameSet(chosen, rightValues(quiz)) };
    }
    return stored[quiz.id] ? { answered: true, correct: stored[quiz.id].correct } : { answered: false, correct: false };
  }
  function tally(list) {
    var answered = 0, correct = 0;
    list.forEach(function (quiz) {
      var s = state(quiz);
      answered += s.answered ? 1 : 0;
      correct += s.correct ? 1 : 0;
    });
    return { answered: answered, correct: correct, total: list.length };
  }
  function chosenCount(list) {
    return list.filter(function (quiz) { return quiz.querySelector('input[name="answer"]:checked'); }).length;
  }

  // --- explanations: a <details> for readers without JavaScript, a plain box with it ------------

  function openExplanations() {
    document.querySelectorAll("details.quiz-explanation").forEach(function (details) {
      var box = document.createElement("div"), title = document.createElement("p");
      box.className = "quiz-explanation";
      title.className = "quiz-explanation-title";
      title.setAttribute("data-words", "skip");
      title.textContent = details.querySelector("summary").textContent;
      box.appendChild(title);
      box.appendChild(details.querySelector(".quiz-explanation-body"));
      details.replaceWith(box);
    });
  }

  // --- display -------------------------------------------------------------------------------

  function announce(text) {
    var live = document.querySelector(".quiz-announcer");
    if (!live) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 50); // a new message, also if the same
  }

  function scrollBehaviour() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "instant" : "smooth";
  }
  function goTo(target, focus) {
    focus.focus({ preventScroll: true });
    target.scrollIntoView({ block: "start", behavior: scrollBehaviour() });
  }

  function showProgress(list, cfg) {
    var bar = document.querySelector(".quiz-progress");
    if (!bar) return;
    var t = tally(list), exam = cfg && cfg.handIn;
    var answered = exam && t.answered < list.length ? chosenCount(list) : t.answered;
    bar.querySelector(".quiz-progress-count").textContent = answered;
    bar.querySelector(".quiz-progress-correct").textContent =
      !exam && t.answered ? fill(TEXT.progressCorrect, { c: t.correct }) : "";
    bar.querySelector(".quiz-progress-fill").style.width = (100 * answered / list.length) + "%";
  }

  function setDone(list, cfg) {
    var t = tally(list), key = KEY.done + location.pathname, before = getItem(key);
    var done = list.length > 0 && t.answered === list.length;
    if (done) setItem(key, cfg.fingerprint); else removeItem(key);
    if (before !== getItem(key)) document.dispatchEvent(new CustomEvent("quiz:status"));
  }

  // Element quizzes: the result once every question is answered; the reset button once any is.
  function showSummary(list) {
    var panel = document.querySelector(".quiz-summary:not(.quiz-summary--exam)");
    if (!panel) return;
    var t = tally(list), complete = t.answered === list.length;
    var title = panel.querySelector(".quiz-summary-title"), live = panel.querySelector(".quiz-summary-live");
    var text = complete ? fill(TEXT.score, { c: t.correct, n: t.total }) + " " +
      (t.correct === t.total ? TEXT.allRight : TEXT.someWrong) : "";
    title.hidden = !complete;
    if (live.textContent !== text) live.textContent = text; // a live region: the result is announced
    panel.querySelector(".quiz-summary-actions").hidden = t.answered === 0;
  }

  // The button under an answered question says where it goes.
  function labelNext(list) {
    var open = list.some(function (quiz) { return !state(quiz).answered; });
    list.forEach(function (quiz) {
      var button = quiz.querySelector(".quiz-next");
      if (button) button.textContent = open ? TEXT.nextQuestion : TEXT.toResult;
    });
  }

  function refresh() {
    var list = quizzes(), cfg = config();
    if (!list.length || !cfg) return;
    showProgress(list, cfg);
    labelNext(list);
    setDone(list, cfg);
    if (cfg.handIn) showReview(list, cfg, false); else showSummary(list);
  }

  // --- answering -----------------------------------------------------------------------------

  function verdict(quiz) {
    var s = state(quiz);
    if (s.correct) return TEXT.right;
    return rightValues(quiz).length > 1 ? TEXT.wrongMany : TEXT.wrong;
  }

  // Runs on the form right after mkdocs-quiz's own submit handler (added in the capture phase).
  function afterSubmit(event) {
    if (handingIn) return;
    var quiz = event.target.closest(".quiz"), row = quiz.querySelector('input[name="answer"]:checked');
    if (!row || !state(quiz).answered) return;
    row = row.parentElement;
    row.tabIndex = -1;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest", behavior: scrollBehaviour() });
    announce(verdict(quiz));
    refresh();
  }

  function onSubmit(event) {
    var form = event.target, quiz = form.closest && form.closest(".quiz");
    if (!quiz || quiz.classList.contains("quiz-fill-blank")) return;
    event.preventDefault(); // the form has no action: never leave the page
    var cfg = config();
    if (cfg && cfg.handIn && !handingIn) { // the Eindtoets is only checked when handed in
      event.stopPropagation();
      return;
    }
    if (form.querySelector('input[name="answer"]:checked')) {
      form.addEventListener("submit", afterSubmit, { once: true });
      return;
    }
    // "Controleer" with nothing chosen would lock the question as answered wrong.
    event.stopPropagation();
    var feedback = form.querySelector(".quiz-feedback");
    feedback.classList.remove("hidden");
    feedback.innerHTML = '<div class="quiz-feedback-item quiz-hint"></div>';
    feedback.firstChild.textContent = TEXT.choose;
    announce(TEXT.choose);
  }

  // "Volgende vraag": the next question that is still open (after this one, else from the top),
  // else the result.
  function next(button) {
    var list = quizzes(), here = list.indexOf(button.closest(".quiz"));
    var open = list.slice(here + 1).concat(list.slice(0, here))
      .filter(function (quiz) { return !state(quiz).answered; });
    if (open.length) {
      goTo(open[0], open[0].querySelector(".quiz-number"));
    } else {
      var panel = document.querySelector(".quiz-summary"), title = panel.querySelector(".quiz-summary-title");
      goTo(panel, title.hidden ? panel.querySelector("button") || title : title);
    }
  }

  // --- the Eindtoets ---------------------------------------------------------------------------

  function saveDraft(list) {
    var draft = {};
    list.forEach(function (quiz) {
      var chosen = options(quiz).filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (chosen.length) draft[quiz.id] = chosen;
    });
    if (Object.keys(draft).length) setItem(KEY.draft + location.pathname, JSON.stringify(draft));
    else removeItem(KEY.draft + location.pathname);
  }

  function restoreDraft(list) {
    var draft = readObject(KEY.draft + location.pathname);
    list.forEach(function (quiz) {
      var chosen = draft[quiz.id];
      if (!Array.isArray(chosen) || stored[quiz.id]) return;
      var radio = quiz.querySelector('input[type="radio"]') !== null;
      options(quiz).forEach(function (input) {
        if (chosen.indexOf(input.value) >= 0 && !(radio && quiz.querySelector("input:checked"))) input.checked = true;
      });
    });
  }

  function handIn(list, cfg) {
    var open = list.filter(function (quiz) { return !quiz.querySelector('input[name="answer"]:checked'); });
    var missing = document.querySelector(".quiz-handin-missing");
    if (open.length) {
      missing.textContent = TEXT.missing;
      open.forEach(function (quiz, n) {
        var link = document.createElement("a");
        link.href = "#" + quiz.id;
        link.textContent = fill(TEXT.question, { n: list.indexOf(quiz) + 1 });
        if (n) missing.appendChild(document.createTextNode(n === open.length - 1 ? " en " : ", "));
        missing.appendChild(link);
      });
      missing.appendChild(document.createTextNode("."));
      missing.hidden = false;
      missing.focus();
      return;
    }
    missing.hidden = true;
    handingIn = true;
    try {
      list.forEach(function (quiz) { quiz.querySelector("form").requestSubmit(); });
    } finally {
      handingIn = false;
    }
    var today = new Date();
    setItem(KEY.handedIn + location.pathname, today.getFullYear() + "-" +
      String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0"));
    removeItem(KEY.draft + location.pathname);
    showProgress(list, cfg);
    setDone(list, cfg);
    var result = showReview(list, cfg, true);
    var title = document.querySelector(".quiz-review .quiz-summary-title");
    goTo(title, title);
    document.dispatchEvent(new CustomEvent("quiz:handed-in", { detail: result }));
  }

  function handedInDate() {
    var saved = /^(\d{4})-(\d{2})-(\d{2})$/.exec(getItem(KEY.handedIn + location.pathname) || "");
    var day = saved ? new Date(+saved[1], +saved[2] - 1, +saved[3]) : new Date();
    return day.getDate() + " " + MONTHS[day.getMonth()] + " " + day.getFullYear();
  }

  // The review, once every question is answered (= handed in). Returns the result.
  function showReview(list, cfg, announceIt) {
    var t = tally(list), review = document.querySelector(".quiz-review");
    var handin = document.querySelector(".quiz-handin"), live = document.querySelector(".quiz-summary-live");
    if (!review) return null;
    var complete = list.length > 0 && t.answered === list.length;
    review.hidden = !complete;
    handin.hidden = complete;
    document.querySelector(".quiz-summary--exam").classList.toggle("is-handed-in", complete);
    if (!complete) {
      live.textContent = "";
      document.querySelector(".quiz-summary--exam").classList.remove("is-passed");
      return null;
    }
    var percent = Math.round(100 * t.correct / t.total), passed = t.correct * 100 >= cfg.passMark * t.total;
    var needed = Math.ceil(cfg.passMark * t.total / 100) - t.correct;
    var values = { c: t.correct, n: t.total, p: percent, m: cfg.passMark, k: needed };
    review.querySelector(".quiz-review-score").textContent = fill(TEXT.scoreLong, values);
    var verdictEl = review.querySelector(".quiz-review-verdict");
    verdictEl.textContent = fill(passed ? TEXT.passedLong : TEXT.failedLong, values);
    verdictEl.classList.toggle("is-passed", passed);
    // Per topic (the page each question's explanation links to) and per question.
    var topics = {};
    list.forEach(function (quiz) {
      var name = quiz.getAttribute("data-topic");
      if (!name) return;
      topics[name] = topics[name] || { c: 0, n: 0 };
      topics[name].n++;
      topics[name].c += state(quiz).correct ? 1 : 0;
    });
    review.querySelectorAll("tr[data-topic]").forEach(function (row) {
      var topic = topics[row.getAttribute("data-topic")] || { c: 0, n: 0 };
      row.querySelector(".quiz-topic-score").textContent = fill(TEXT.topicScore, topic);
      row.classList.toggle("is-complete", topic.c === topic.n);
    });
    // Per question: a link to it and its verdict (built here: the review only exists handed in).
    var questions = review.querySelector(".quiz-review-questions");
    questions.textContent = "";
    list.forEach(function (quiz, index) {
      var right = state(quiz).correct, item = document.createElement("li"), link = document.createElement("a");
      var verdict = document.createElement("span");
      item.setAttribute("data-quiz", quiz.id);
      item.classList.toggle("is-right", right);
      link.href = "#" + quiz.id;
      link.textContent = fill(TEXT.questionLink, { n: index + 1 });
      verdict.className = "quiz-question-verdict";
      verdict.textContent = right ? TEXT.verdictRight : TEXT.verdictWrong;
      item.append(link, " ", verdict);
      questions.appendChild(item);
    });
    var status = fill(TEXT.handedIn, values) + fill(passed ? TEXT.passed : TEXT.failed, values);
    if (announceIt || !live.textContent) live.textContent = status;
    document.querySelector(".quiz-summary--exam").classList.toggle("is-passed", passed);
    review.querySelector(".quiz-proof-form").hidden = !passed;
    fillProof(values);
    return { score: t.correct, max: t.total, percent: percent, passed: passed, passMark: cfg.passMark };
  }

  function fillProof(values) {
    var proof = document.querySelector(".quiz-proof");
    if (!proof) return;
    var input = document.querySelector(".quiz-proof-name");
    if (input && !input.value) input.value = getItem(KEY.name) || "";
    proof.querySelector(".quiz-proof-name-value").textContent = input ? input.value.trim() : "";
    proof.querySelector(".quiz-proof-date").textContent = handedInDate();
    proof.querySelector(".quiz-proof-score").textContent =
      fill(TEXT.scoreLong, values) + "; norm " + values.m + "%";
  }

  function printProof() {
    var input = document.querySelector(".quiz-proof-name"), message = document.querySelector(".quiz-proof-message");
    var name = input.value.trim();
    if (!name) {
      message.textContent = TEXT.needName;
      input.focus();
      return;
    }
    message.textContent = "";
    setItem(KEY.name, name);
    document.querySelector(".quiz-proof-name-value").textContent = name;
    window.print();
  }

  // --- resets ----------------------------------------------------------------------------------

  // After mkdocs-quiz's own reset (its confirm, then it clears the page and its store).
  function afterReset(cfg) {
    var list = quizzes(), before = resetSnapshot;
    resetSnapshot = 0;
    var shown = list.some(function (quiz) { return options(quiz).every(function (i) { return i.disabled; }); });
    if (!before || shown) return; // nothing to clear, or the learner cancelled
    stored = {};
    if (!Object.keys(readObject(KEY.progress + location.pathname)).length) removeItem(KEY.progress + location.pathname);
    if (cfg.handIn) {
      removeItem(KEY.draft + location.pathname);
      removeItem(KEY.handedIn + location.pathname);
      refresh();
      announce(TEXT.restarted);
      document.dispatchEvent(new CustomEvent("quiz:restarted"));
    } else {
      refresh();
      announce(TEXT.cleared);
    }
    goTo(list[0], list[0].querySelector(".quiz-number"));
  }

  // --- events ----------------------------------------------------------------------------------

  // Enter on an option answers (element quizzes); arrow keys move between checkboxes too.
  // (Radios move natively; with auto_submit off that no longer answers.)
  function onKeydown(event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.name !== "answer" || !input.closest(".quiz")) return;
    if (event.key === "Enter") {
      event.preventDefault();
      var button = input.form.querySelector('button[type="submit"]'), cfg = config();
      if (button && !button.disabled && !(cfg && cfg.handIn)) input.form.requestSubmit(button);
    } else if (input.type === "checkbox" && /^Arrow(Up|Down|Left|Right)$/.test(event.key)) {
      event.preventDefault();
      var all = Array.from(input.form.querySelectorAll('input[name="answer"]'));
      var step = /Down|Right/.test(event.key) ? 1 : -1;
      all[(all.indexOf(input) + step + all.length) % all.length].focus();
    }
  }

  function onChange(event) {
    var input = event.target, cfg = config();
    if (!(input instanceof HTMLInputElement) || input.name !== "answer" || !cfg || !cfg.handIn) return;
    var list = quizzes();
    saveDraft(list);
    showProgress(list, cfg);
    var missing = document.querySelector(".quiz-handin-missing");
    if (missing && !missing.hidden && chosenCount(list) === list.length) missing.hidden = true;
  }

  function onClickCapture(event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest(".quiz-intro-reset")) resetSnapshot = tally(quizzes()).answered;
  }

  function onClick(event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var cfg = config();
    if (target.closest(".quiz-next")) next(target.closest(".quiz-next"));
    if (target.closest(".quiz-handin-button") && cfg) handIn(quizzes(), cfg);
    if (target.closest(".quiz-proof-print")) printProof();
    if (target.closest(".quiz-intro-reset") && cfg) afterReset(cfg); // mkdocs-quiz's handler has run
  }

  function onInput(event) {
    if (event.target instanceof Element && event.target.matches(".quiz-proof-name")) {
      setItem(KEY.name, event.target.value.trim());
      var value = document.querySelector(".quiz-proof-name-value");
      if (value) value.textContent = event.target.value.trim();
    }
  }

  function init() {
    var list = quizzes(), cfg = config();
    if (list.length && cfg) {
      openExplanations();
      if (storageWorks()) {
        stored = cleanStore(list, cfg);
      } else {
        stored = {};
        var note = document.querySelector(".quiz-intro p");
        if (!note) {
          note = document.createElement("p");
          list[0].before(note);
        }
        note.textContent = TEXT.noStorage;
      }
      if (cfg.handIn) restoreDraft(list);
      refresh();
    }
  }

  // mkdocs-quiz tells when its counts change (answer, reset, its own set-up).
  function onProgress() {
    if (!handingIn) refresh();
  }

  // Document-wide listeners survive instant navigation: add them once per document.
  if (!window.quizListening) {
    window.quizListening = true;
    document.addEventListener("keydown", onKeydown);
    document.addEventListener("submit", onSubmit, true);
    document.addEventListener("change", onChange);
    document.addEventListener("input", onInput);
    document.addEventListener("click", onClickCapture, true);
    document.addEventListener("click", onClick);
    window.addEventListener("quizProgressUpdate", onProgress);
    window.addEventListener("pageshow", function (event) { if (event.persisted) init(); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
