// Keeps the keyboard focus where the user was when htmx swaps a part of the page (a plan
// item after a tick, an untick, a note or a skip). htmx itself puts focus back on an element
// with the same id (the tick button); when the control used is gone or hidden, focus goes to,
// in order: the first field the answer marks invalid, the element named by the form's
// data-focus-after (a selector inside the swapped part), or the swapped part itself.
(function () {
  var used = null;

  document.addEventListener('htmx:beforeSwap', function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    used = null;
    if (target && target.id && active && target.contains(active)) {
      var form = active.closest('[data-focus-after]');
      used = { target: target.id, after: form ? form.getAttribute('data-focus-after') : null };
    }
  });

  function shown(element) {
    return element.checkVisibility ? element.checkVisibility() : element.offsetParent !== null;
  }

  document.addEventListener('htmx:afterSwap', function (event) {
    var swapped = event.detail.elt;
    if (!used || !swapped || swapped.id !== used.target) { return; }
    var lost = !document.activeElement || document.activeElement === document.body;
    var after = used.after;
    used = null;
    if (!lost) { return; }
    var candidates = [
      swapped.querySelector('[aria-invalid="true"]'),
      after ? swapped.querySelector(after) : null,
    ];
    for (var i = 0; i < candidates.length; i += 1) {
      if (candidates[i] && shown(candidates[i])) {
        candidates[i].focus({ preventScroll: true });
        return;
      }
    }
    swapped.setAttribute('tabindex', '-1');
    swapped.focus({ preventScroll: true });
  });
})();
