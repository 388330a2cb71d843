// A-/A/A+: Vietnamese portals let readers change the text size; the choice is kept on this device only.
(function () {
  var key = 'wardcms.textSize';
  var root = document.documentElement;
  function apply(step) {
    root.classList.remove('text-sm', 'text-lg', 'text-xl');
    if (step < 0) root.classList.add('text-sm');
    if (step === 1) root.classList.add('text-lg');
    if (step >= 2) root.classList.add('text-xl');
  }
  var current = parseInt(localStorage.getItem(key) || '0', 10) || 0;
  apply(current);
  document.querySelectorAll('[data-text-size]').forEach(function (b) {
    b.addEventListener('click', function () {
      var d = parseInt(b.getAttribute('data-text-size'), 10);
      current = d === 0 ? 0 : Math.max(-1, Math.min(2, current + d));
      localStorage.setItem(key, String(current));
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
