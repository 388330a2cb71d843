// Content editor extras (no inline script under the CSP): Soạn/Xem trước tabs on phones,
// the public address under the slug box, and adding cue rows to a broadcast script.
(function () {
  'use strict';

  document.querySelectorAll('[data-md-editor]').forEach(function (root) {
    var tabs = root.querySelector('.md-tabs');
    if (!tabs) return;
    tabs.hidden = false;
    root.classList.add('has-tabs');
    var buttons = Array.prototype.slice.call(tabs.querySelectorAll('[data-md-tab]'));
    function select(button, focus) {
      var preview = button.getAttribute('data-md-tab') === 'preview';
      root.classList.toggle('show-preview', preview);
      buttons.forEach(function (b) {
        var on = b === button;
        b.setAttribute('aria-selected', on ? 'true' : 'false');
        b.tabIndex = on ? 0 : -1;
      });
      if (focus) button.focus();
    }
    buttons.forEach(function (b, i) {
      b.addEventListener('click', function () { select(b, false); });
      // Arrow keys move between tabs, as in any tab list.
      b.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
          e.preventDefault();
          select(buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length], true);
        }
      });
    });
  });

  document.querySelectorAll('input[data-slug-prefix]').forEach(function (input) {
    var out = document.querySelector('[data-slug-url]');
    if (!out) return;
    var prefix = input.getAttribute('data-slug-prefix');
    function update() { out.textContent = prefix + (input.value.trim() || '…'); }
    input.addEventListener('input', update);
  });

  document.querySelectorAll('[data-cue-table]').forEach(function (box) {
    var add = box.querySelector('[data-add-cue]');
    var body = box.querySelector('tbody');
    if (!add || !body) return;
    add.hidden = false;
    add.addEventListener('click', function () {
      var rows = body.querySelectorAll('[data-cue-row]');
      var last = rows[rows.length - 1];
      var index = rows.length;
      var row = last.cloneNode(true);
      row.querySelectorAll('[id]').forEach(function (el) { el.id = el.id.replace(/Cues-\d+-/, 'Cues-' + index + '-'); });
      row.querySelectorAll('.field-error').forEach(function (el) { el.remove(); });
      row.querySelectorAll('input').forEach(function (el) {
        el.name = el.name.replace(/Cues\[\d+\]/, 'Cues[' + index + ']');
        el.value = '';
        el.removeAttribute('aria-invalid');
        el.removeAttribute('aria-describedby');
        el.setAttribute('aria-label', el.getAttribute('aria-label').replace(/\d+$/, String(index + 1)));
      });
      row.querySelector('td').textContent = String(index + 1);
      body.appendChild(row);
      row.querySelector('input').focus();
    });
  });

  // Leaving the editor with unsaved changes asks first; saving does not.
  var form = document.getElementById('content-form');
  if (form) {
    var dirty = false;
    form.addEventListener('input', function () { dirty = true; });
    form.addEventListener('change', function () { dirty = true; });
    document.addEventListener('submit', function (e) { if (e.target === form || e.submitter && e.submitter.form === form) dirty = false; }, true);
    window.addEventListener('beforeunload', function (e) { if (dirty) { e.preventDefault(); e.returnValue = ''; } });
  }

  var summary = document.getElementById('conflict') || document.getElementById('error-summary');
  if (summary) summary.focus();
})();
