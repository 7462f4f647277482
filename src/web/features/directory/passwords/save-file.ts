// Saves a file the page already holds (an answer to a POST) through the browser's own download,
// as a link to it would: the object URL lives only as long as the click needs.
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: at once, some browsers would find nothing to save.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
