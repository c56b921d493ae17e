// Employee import: while a worker checks or applies the file, poll its status and move the
// progress bar; reload the page once it has finished, so the preview or the result appears.
(() => {
  const section = document.querySelector("[data-import-status-url]");
  if (!section) return;
  const url = section.dataset.importStatusUrl;
  const INTERVAL = 2000;
  const progress = section.querySelector("[data-import-progress]");
  const percent = section.querySelector("[data-import-percent]");
  const counts = section.querySelector("[data-import-counts]");
  const label = section.querySelector("[data-import-status]");

  const poll = async () => {
    let data;
    try {
      const response = await fetch(url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(response.statusText);
      data = await response.json();
    } catch {
      window.setTimeout(poll, INTERVAL * 3);
      return;
    }
    if (progress) progress.value = data.percent;
    if (percent) percent.textContent = `${data.percent}%`;
    if (counts) counts.textContent = `(${data.done}/${data.total})`;
    if (label && label.textContent !== data.status_label) label.textContent = data.status_label;
    if (data.working) window.setTimeout(poll, INTERVAL);
    else window.location.reload();
  };

  window.setTimeout(poll, INTERVAL);
})();
