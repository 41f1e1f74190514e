// Reads slices of Files for the loader's worker, on a thread of its own: the
// browser delivers a file read in pieces on the reading thread's event loop,
// and the loader's thread, busy parsing, would leave them waiting.
onmessage = async (event) => {
  const { id, file, start, end } = event.data;
  try {
    const bytes = await file.slice(start, end).arrayBuffer();
    postMessage({ id, bytes }, [bytes]);
  } catch (error) {
    postMessage({ id, error: String(error) });
  }
};
