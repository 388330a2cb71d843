// A-/A/A+: Vietnamese portals let readers change the text size; the choice is kept on this device only.
// They are real buttons (Tab, Enter, Space work); aria-pressed tells screen readers which size is on.
(function () {
  var key = 'wardcms.textSize';
  var root = document.documentElement;
  var buttons = document.querySelectorAll('[data-text-size]');
  function read() {
    try { return parseInt(localStorage.getItem(key) || '0', 10) || 0; } catch (e) { return 0; }
  }
  function save(v) {
    try { localStorage.setItem(key, String(v)); } catch (e) { /* private mode: size lasts for this page only */ }
  }
  function apply(step) {
    root.classList.remove('text-sm', 'text-lg', 'text-xl');
    if (step < 0) root.classList.add('text-sm');
    if (step === 1) root.classList.add('text-lg');
    if (step >= 2) root.classList.add('text-xl');
    buttons.forEach(function (b) {
      var d = parseInt(b.getAttribute('data-text-size'), 10);
      b.setAttribute('aria-pressed', String((d === 0 && step === 0) || (d < 0 && step < 0) || (d > 0 && step > 0)));
    });
  }
  var current = read();
  apply(current);
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      var d = parseInt(b.getAttribute('data-text-size'), 10);
      current = d === 0 ? 0 : Math.max(-1, Math.min(2, current + d));
      save(current);
      apply(current);
    });
  });
  document.querySelectorAll('[data-print]').forEach(function (b) {
    b.addEventListener('click', function () { window.print(); });
  });
})();

// Feedback widget: without JavaScript it is a plain form post; with it, the answer is sent in the background.
(function () {
  document.querySelectorAll('form[data-feedback]').forEach(function (form) {
    var status = form.querySelector('[data-feedback-status]');
    form.addEventListener('submit', function (e) {
      if (!window.fetch || !window.FormData) return;
      e.preventDefault();
      var button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      fetch(form.action, { method: 'POST', body: new FormData(form), headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (res) {
          return res.json().catch(function () { return {}; }).then(function (body) { return { ok: res.ok, body: body }; });
        })
        .then(function (r) {
          if (r.ok) {
            var thanks = document.createElement('p');
            thanks.className = 'feedback-thanks';
            thanks.setAttribute('role', 'status');
            thanks.textContent = r.body.message || 'Cảm ơn bạn đã góp ý!';
            form.replaceWith(thanks);
            return;
          }
          if (status) status.textContent = r.body.detail || 'Chưa gửi được ý kiến. Vui lòng thử lại.';
          if (button) button.disabled = false;
        })
        .catch(function () {
          if (status) status.textContent = 'Không kết nối được máy chủ. Vui lòng thử lại.';
          if (button) button.disabled = false;
        });
    });
  });
})();
