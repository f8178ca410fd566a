// Follows a render job on the publishing page: asks for progress every 2 s and updates the
// status text (a polite live region) instead of a timed refresh, which WCAG 2.2.1 forbids.
// Without script, the "Check again" link does the same by hand.
(function () {
  const box = document.querySelector("[data-progress-url]");
  if (!box) return;
  const text = box.querySelector("[data-progress-text]");
  const bar = box.querySelector("progress");
  async function poll() {
    try {
      const response = await fetch(box.dataset.progressUrl, { headers: { Accept: "application/json" } });
      const data = await response.json();
      if (data.completed) { window.location.reload(); return; }
      text.textContent = data.text;
      bar.value = data.done;
      bar.max = data.total;
    } catch (e) { /* the next poll tries again */ }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 2000);
})();
