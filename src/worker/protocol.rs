//! Messages between the page and the worker, as JSON text. `File` handles travel
//! beside a `Load` request, never their bytes.

use crate::core::coord::{self, EvidenceRow, Overview, Settings};
use crate::core::ingest::FileProgress;
use crate::core::live::LiveFigures;
use crate::core::query::{Answer, Query};
use crate::core::summary::Summary;
use serde::{Deserialize, Serialize};

/// The script Trunk writes for the worker binary, relative to the page.
pub const WORKER_SCRIPT: &str = "./worker_loader.js";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read the files sent with this message, adding to what is loaded.
    Load { job: u32 },
    /// Stop loading; what was loaded before the job stays.
    Cancel { job: u32 },
    /// A question about one loaded campaign.
    Query { job: u32, campaign: String, query: Box<Query> },
    /// Two or more loaded campaigns compared, in this order: answered with
    /// `Answer::Compared`, or `Answer::Missing` naming one not loaded.
    Compare { job: u32, campaigns: Vec<String> },
    /// A co-action network over these campaigns pooled (one campaign, or
    /// several). It replaces the one before; `Cancel` with its job stops it.
    Coordinate { job: u32, campaigns: Vec<String>, settings: Settings },
    /// The tweets behind the edge between two accounts (pooled numbers) of
    /// the network computed for job `network`.
    Evidence { job: u32, network: u32, a: u32, b: u32 },
    /// A file of the network computed for job `network`, drawn where its
    /// layout has got to: it comes back as a `Blob` beside the answer.
    Export { job: u32, network: u32, file: NetworkFile },
    /// Holds a node of the network computed for job `network` where the
    /// person dragged it (layout coordinates); the layout settles again.
    Pin { network: u32, node: u32, x: f32, y: f32 },
}

/// The files a network is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NetworkFile {
    /// GEXF 1.3 with positions and colours, for Gephi and Gephi Lite.
    Gexf,
    /// GraphML, for networkx, igraph and Gephi.
    Graphml,
    /// The edges as `takedown coordination --undirected` writes them.
    EdgesCsv,
    /// The pairs of tweets behind them, as `takedown coordination --evidence` writes them.
    EvidenceCsv,
}

impl NetworkFile {
    pub const ALL: [NetworkFile; 4] =
        [NetworkFile::Gexf, NetworkFile::Graphml, NetworkFile::EdgesCsv, NetworkFile::EvidenceCsv];

    pub fn name(self) -> &'static str {
        match self {
            NetworkFile::Gexf => "network.gexf",
            NetworkFile::Graphml => "network.graphml",
            NetworkFile::EdgesCsv => "edges.csv",
            NetworkFile::EvidenceCsv => "evidence.csv",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            NetworkFile::Gexf | NetworkFile::Graphml => "application/xml",
            NetworkFile::EdgesCsv | NetworkFile::EvidenceCsv => "text/csv",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            NetworkFile::Gexf => "GEXF (Gephi)",
            NetworkFile::Graphml => "GraphML",
            NetworkFile::EdgesCsv => "CSV of the pairs",
            NetworkFile::EvidenceCsv => "CSV of their tweets",
        }
    }
}

/// What comes back for a `Coordinate` or `Evidence` job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Coordination {
    /// How far the network has come (at least twice a second).
    Progress(coord::Progress),
    /// The network is computed.
    Network(Box<Overview>),
    /// Where its accounts are drawn, x and y per node of the overview
    /// interleaved, as the force layout settles (sent until `settled`).
    Layout {
        positions: Vec<f32>,
        settled: bool,
    },
    Evidence(Vec<EvidenceRow>),
    /// The file asked for: its bytes are the `Blob` that came with this.
    File(NetworkFile),
    /// The job ended without its answer, and says why.
    Failed(String),
}

/// Where a load job stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadProgress {
    pub job: u32,
    pub files: Vec<FileProgress>,
    pub elapsed_ms: f64,
    /// The worker's WebAssembly memory, in bytes.
    pub memory_bytes: u64,
    /// Each campaign of the load as its rows arrive (not once it is over).
    pub live: Vec<LiveFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker's code is running and waits for requests.
    Ready,
    Progress(LoadProgress),
    /// A load job ended: every campaign now loaded, summarised.
    Loaded {
        progress: LoadProgress,
        summaries: Vec<Summary>,
        cancelled: bool,
    },
    /// The answer to a `Query` with the same job id.
    Answer {
        job: u32,
        answer: Answer,
    },
    /// What a long search has found so far; its `Answer` follows.
    Partial {
        job: u32,
        answer: Answer,
    },
    /// The answer to a `Query` that is a file (a CSV): its bytes travel
    /// beside this as a `Blob`, never through JSON.
    File {
        job: u32,
    },
    /// Progress or the answer of a `Coordinate` or `Evidence` job.
    Coordination {
        job: u32,
        event: Coordination,
    },
    /// The worker hit a bug and stopped; its data is gone.
    Crashed {
        message: String,
    },
}

impl LoadProgress {
    pub fn bytes(&self) -> (u64, u64) {
        self.files.iter().fold((0, 0), |(done, total), f| (done + f.bytes_done, total + f.bytes_total))
    }

    pub fn rows(&self) -> (u64, u64) {
        self.files.iter().fold((0, 0), |(rows, rejected), f| (rows + f.rows, rejected + f.rejected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_as_json() {
        let request = Request::Load { job: 3 };
        let text = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&text).unwrap(), request);
        let response = Response::Crashed { message: "boom".into() };
        let text = serde_json::to_string(&response).unwrap();
        assert_eq!(serde_json::from_str::<Response>(&text).unwrap(), response);
    }
}
