// "My exports": while an export is queued or running, poll its status and move its progress
// bar; reload the page once it has finished, so the download link appears.
(() => {
  const table = document.querySelector("[data-exports-status-url]");
  if (!table) return;
  const url = table.dataset.exportsStatusUrl;
  const unfinished = ["queued", "running"];
  const INTERVAL = 3000;

  const update = (row, item) => {
    const progress = row.querySelector("[data-export-progress]");
    const percent = row.querySelector("[data-export-percent]");
    if (progress) progress.value = item.percent;
    if (percent) percent.textContent = `${item.percent}%`;
  };

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
    let finished = false;
    let running = false;
    data.exports.forEach((item) => {
      const row = document.getElementById(`export-${item.id}`);
      if (!row) return;
      update(row, item);
      if (unfinished.includes(item.status)) running = true;
      else if (unfinished.includes(row.dataset.status)) finished = true;
    });
    if (finished) window.location.reload();
    else if (running) window.setTimeout(poll, INTERVAL);
  };

  window.setTimeout(poll, INTERVAL);
})();
