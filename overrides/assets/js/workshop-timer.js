/* Workshop "De bouwstenen": step timer for the projector (workshop/timer), and the print buttons
   (data-ws-print) of the hand-out and the zakkaart. Markup and step data come from
   scripts/hooks/workshop.py. scripts/hooks/assets.py loads it at the end of the content of the
   pages that use it. Set up once per document, it then runs on every page view (Material's
   document$, also after instant navigation): it starts the timer where there is one and stops it
   on the next page. */
(function () {
  "use strict";
  if (window.wsTimerLoaded) return;
  window.wsTimerLoaded = true;

  let teardown = null;

  function onPage() {
    if (teardown) teardown();
    teardown = null;
    document.querySelectorAll("[data-ws-print]").forEach(function (button) {
      button.hidden = false;
      button.onclick = function () { print(button.dataset.wsPrint); };
    });
    const root = document.querySelector("[data-ws-timer]");
    const source = document.getElementById("ws-timer-data");
    if (root && source) teardown = timer(root, JSON.parse(source.dataset.json));
  }

  // Loaded with the page: Material's bundle (which defines document$) runs after this script.
  // Loaded by instant navigation: document$ replays its last page at once, then emits this one.
  function start() {
    if (window.document$) window.document$.subscribe(onPage);
    else onPage();
  }
  if (window.document$) start();
  else document.addEventListener("DOMContentLoaded", start);

  /* Print the page; `mode` picks a print layout (html[data-print=…], e.g. the zakkaart's sheet of
     cards), cleared again once the print dialog closes. */
  function print(mode) {
    const html = document.documentElement;
    if (mode) html.dataset.print = mode;
    window.addEventListener("afterprint", function () { delete html.dataset.print; }, { once: true });
    window.print();
  }

  /* On a touch screen without a keyboard the hint says to tap the button, not to press space. */
  function startHint() {
    const touch = window.matchMedia && window.matchMedia("(hover: none) and (pointer: coarse)").matches;
    return touch ? "Gepauzeerd. Tik op Start om te beginnen." : "Gepauzeerd. Druk op spatie om te starten.";
  }

  /* "12:05" for time left, "+0:40" for time over. */
  function format(ms) {
    const seconds = ms >= 0 ? Math.ceil(ms / 1000) : Math.floor(-ms / 1000);
    const text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    return ms >= 0 ? text : "+" + text;
  }

  function timer(root, data) {
    const $ = function (selector) { return root.querySelector(selector); };
    const clock = $("[data-ws-clock]");
    const bar = $("[data-ws-bar]");
    const pos = $("[data-ws-pos]");
    const status = $("[data-ws-status]");
    const live = $("[data-ws-live]");
    const toggleLabel = $('[data-ws-action="toggle"] [data-ws-label]');
    const panels = root.querySelectorAll(".ws-timer__panel");
    const items = root.querySelectorAll(".ws-timer__overview li");

    let steps = [];       // [{number, minutes}] of the chosen variant
    let index = 0;        // position in steps
    let remaining = 0;    // ms left in this step (negative: over time)
    let endAt = 0;        // Date.now() value at which the step ends, while running
    let running = false;
    let interval = null;
    let warned = false;   // "one minute left" said for this step
    let over = false;     // "time is up" said for this step

    root.querySelectorAll("[hidden]").forEach(function (el) {
      if (!el.classList.contains("ws-timer__panel")) el.hidden = false;
    });

    function step() { return steps[index]; }
    function title(number) { return data.steps[number]; }
    function duration() { return step().minutes * 60000; }

    function say(text) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }

    function paint() {
      if (running) remaining = endAt - Date.now();
      clock.textContent = format(remaining);
      bar.style.width = Math.min(100, Math.max(0, 100 - (remaining / duration()) * 100)) + "%";
      root.dataset.state = running ? "running" : "paused";
      root.classList.toggle("is-over", remaining < 0);
      if (remaining < 0) {
        status.textContent = "De tijd is om. Ga door naar de volgende stap als de groep klaar is.";
        if (!over) { over = true; say("De tijd van stap " + step().number + " is om."); }
      } else if (remaining <= 60000) {
        status.textContent = "Nog minder dan een minuut.";
        if (!warned && running) { warned = true; say("Nog één minuut voor stap " + step().number + "."); }
      } else {
        status.textContent = running ? "De klok loopt." : startHint();
      }
      toggleLabel.textContent = running ? "Pauze" : "Start";
      const totalLeft = steps.slice(index + 1).reduce(function (sum, s) { return sum + s.minutes; }, 0) * 60000
        + Math.max(0, remaining);
      pos.textContent = "Stap " + step().number + " van " + steps[steps.length - 1].number
        + " · nog " + Math.ceil(totalLeft / 60000) + " min in totaal";
    }

    function show() {
      const number = step().number;
      panels.forEach(function (panel) {
        panel.hidden = Number(panel.dataset.wsStep) !== number;
      });
      items.forEach(function (item) {
        const n = Number(item.dataset.wsStep);
        const chosen = steps.find(function (s) { return s.number === n; });
        item.hidden = !chosen;
        if (chosen) item.querySelector("[data-ws-minutes]").textContent = chosen.minutes + " min";
        item.classList.toggle("is-done", steps.indexOf(chosen) < index && !!chosen);
        if (n === number) item.setAttribute("aria-current", "step");
        else item.removeAttribute("aria-current");
      });
      root.querySelectorAll(".ws-timer__panel [data-ws-panel-minutes]").forEach(function (el) {
        const chosen = steps.find(function (s) { return s.number === Number(el.dataset.wsPanelMinutes); });
        if (chosen) el.textContent = chosen.minutes;
      });
    }

    function go(newIndex, announce) {
      index = Math.max(0, Math.min(steps.length - 1, newIndex));
      remaining = duration();
      endAt = Date.now() + remaining;
      warned = over = false;
      show();
      paint();
      if (announce) {
        say("Stap " + step().number + " van " + steps[steps.length - 1].number + ": "
          + title(step().number) + ". " + step().minutes + " minuten.");
      }
    }

    function setRunning(on) {
      if (on === running) return;
      running = on;
      if (on) {
        endAt = Date.now() + remaining;
        interval = window.setInterval(paint, 250);
      } else {
        remaining = endAt - Date.now();
        window.clearInterval(interval);
        interval = null;
      }
      paint();
      say(on ? "De klok loopt." : "De klok staat stil.");
    }

    function useVariant(key) {
      const current = steps.length ? step().number : null;
      steps = data.variants[key];
      const keep = steps.findIndex(function (s) { return s.number === current; });
      go(keep >= 0 ? keep : 0, false);
    }

    function fullscreen() {
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen();
    }

    const actions = {
      toggle: function () { setRunning(!running); },
      next: function () { go(index + 1, true); },
      prev: function () { go(index - 1, true); },
      reset: function () { go(index, true); },
      fullscreen: fullscreen,
    };

    function onClick(event) {
      const button = event.target.closest("[data-ws-action], [data-ws-goto]");
      if (!button || !root.contains(button)) return;
      if (button.dataset.wsAction) actions[button.dataset.wsAction]();
      else {
        const target = steps.findIndex(function (s) { return s.number === Number(button.dataset.wsGoto); });
        if (target >= 0) go(target, true);
      }
    }

    function onChange(event) {
      if (event.target.name === "ws-variant") useVariant(event.target.value);
    }

    const keys = {
      " ": "toggle", ArrowRight: "next", n: "next", N: "next",
      ArrowLeft: "prev", p: "prev", P: "prev", r: "reset", R: "reset", f: "fullscreen", F: "fullscreen",
    };

    /* Capture phase on document: runs before Material's own shortcuts (n/p change page, f searches). */
    function onKey(event) {
      const action = keys[event.key];
      if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
      const onControlElsewhere = !root.contains(target) && target.closest && target.closest("a, button, summary, label");
      if (action === "toggle" && onControlElsewhere) return;
      event.preventDefault();
      event.stopPropagation();
      actions[action]();
    }

    root.addEventListener("click", onClick);
    root.addEventListener("change", onChange);
    document.addEventListener("keydown", onKey, true);

    const checked = root.querySelector('input[name="ws-variant"]:checked');
    useVariant(checked ? checked.value : data.default);

    return function () {
      window.clearInterval(interval);
      document.removeEventListener("keydown", onKey, true);
      root.removeEventListener("click", onClick);
      root.removeEventListener("change", onChange);
    };
  }
})();
