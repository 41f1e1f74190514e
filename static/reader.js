// Reads slices of a File for the loader's worker, on a thread of its own: the
// browser delivers a file read in pieces on the reading thread's event loop,
// and the loader's thread, busy parsing, would leave them waiting.
onmessage = async (event) => {
  const { file, start, end } = event.data;
  try {
    const bytes = await file.slice(start, end).arrayBuffer();
    postMessage({ start, bytes }, [bytes]);
  } catch (error) {
    postMessage({ start, error: String(error) });
  }
};
