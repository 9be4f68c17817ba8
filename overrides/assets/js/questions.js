/* Example questions (markup from scripts/hooks/questions.py):
   - a copy button after every question (`.vraag`) on any page;
   - on the Vragenbank, the filters by moment and by setting (both apply) and the live count.
   scripts/hooks/assets.py loads it at the end of the content of pages with example questions.
   Set up once per document, it then works on every page view: Material's document$ also emits
   after instant navigation (a later page that carries this script again does not set it up twice). */
(function () {
  "use strict";
  if (window.vraagScriptLoaded) return;
  window.vraagScriptLoaded = true;

  var FEEDBACK_MS = 2500;

  function countText(n) {
    return n === 1 ? "1 vraag" : n + " vragen";
  }

  /* ---- Copying ---------------------------------------------------------------------------- */

  function legacyCopy(text) {
    // For pages served over plain http, where navigator.clipboard is missing.
    var focused = document.activeElement;
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "vraag-kopieer__buffer";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    area.remove();
    if (focused) focused.focus();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        return legacyCopy(text);
      });
    }
    return legacyCopy(text);
  }

  function announcer(content) {
    var region = content.querySelector(".vraag-melding");
    if (!region) {
      region = document.createElement("div");
      region.className = "vraag-melding visually-hidden";
      region.setAttribute("role", "status");
      content.appendChild(region);
    }
    return region;
  }

  function addCopyButtons(content) {
    var questions = content.querySelectorAll(".vraag");
    if (!questions.length) return;
    var region = announcer(content);
    questions.forEach(function (question, index) {
      if (question.querySelector(".vraag-kopieer")) return;
      var text = question.querySelector(".vraag__tekst");
      text.id = text.id || "vraag-tekst-" + (index + 1);

      var button = document.createElement("button");
      button.type = "button";
      button.className = "vraag-kopieer";
      button.title = "Kopieer vraag";
      button.setAttribute("aria-label", "Kopieer vraag");
      button.setAttribute("aria-describedby", text.id);
      var status = document.createElement("span");
      status.className = "vraag-kopieer__status";
      status.setAttribute("aria-hidden", "true"); // the shared live region speaks for it
      question.appendChild(document.createTextNode(" "));
      question.appendChild(button);
      question.appendChild(status);

      var timer;
      button.addEventListener("click", function () {
        var done = function (message, ok) {
          status.textContent = message;
          region.textContent = message;
          question.classList.toggle("is-gekopieerd", ok);
          clearTimeout(timer);
          timer = setTimeout(function () {
            status.textContent = "";
            region.textContent = "";
            question.classList.remove("is-gekopieerd");
          }, FEEDBACK_MS);
        };
        copy(text.textContent.trim()).then(
          function () { done("Gekopieerd", true); },
          function () { done("Kopiëren lukte niet: selecteer de tekst zelf", false); }
        );
      });
    });
  }

  /* ---- Vragenbank filters: by moment (sections) and by setting (questions) ---------------- */

  function setupFilter(bank) {
    var filters = bank.querySelectorAll(".vragenbank-filter");
    var count = bank.querySelector(".vragenbank-telling");
    var groups = bank.querySelectorAll(".vragenbank-groep");
    var momentButtons = bank.querySelectorAll(".vragenbank-filter button[data-moment]");
    var settingButtons = bank.querySelectorAll(".vragenbank-filter button[data-setting]");
    var chosen = { moment: "", setting: "" };

    function show() {
      var shown = 0;
      groups.forEach(function (group) {
        var inGroup = 0;
        if (!chosen.moment || group.dataset.moment === chosen.moment) {
          group.querySelectorAll("li").forEach(function (item) {
            var question = item.querySelector(".vraag");
            var fits = !chosen.setting || (question && question.dataset.setting === chosen.setting);
            item.hidden = !fits;
            if (fits) inGroup += 1;
          });
        }
        group.hidden = inGroup === 0;
        shown += inGroup;
      });
      momentButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.moment === chosen.moment));
      });
      settingButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.setting === chosen.setting));
      });
      count.textContent = countText(shown);
    }

    momentButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        chosen.moment = button.dataset.moment;
        show();
      });
    });
    settingButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        chosen.setting = button.dataset.setting;
        show();
      });
    });
    // A link to a moment's heading (#evaluatie, also from the table of contents) shows it.
    bank.showFor = function (id) {
      var target = id && bank.querySelector(".vragenbank-groep[data-moment='" + id + "']");
      if (!target || !target.hidden) return;
      chosen.moment = "";
      chosen.setting = "";
      show();
      document.getElementById(id).scrollIntoView();
    };
    filters.forEach(function (filter) {
      filter.hidden = false;
    });
  }

  window.addEventListener("hashchange", function () {
    var bank = document.querySelector(".vragenbank");
    if (bank && bank.showFor) bank.showFor(decodeURIComponent(location.hash.slice(1)));
  });

  function init() {
    var content = document.querySelector(".md-content");
    if (!content) return;
    addCopyButtons(content);
    var bank = content.querySelector(".vragenbank");
    if (bank && !bank.showFor) setupFilter(bank);
  }

  // Loaded with the page: Material's bundle (which defines document$) runs after this script.
  // Loaded by instant navigation: document$ replays its last page at once, then emits this one.
  function start() {
    if (window.document$) window.document$.subscribe(init);
    else init();
  }
  if (window.document$) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
