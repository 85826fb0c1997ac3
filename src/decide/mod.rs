//! What to believe: the evidence of spin of a document, its detection
//! score, the language model, and the gate that turns them into verdicts
//! on each match.

pub(crate) mod context;
pub(crate) mod counts;
pub mod detect;
pub(crate) mod evidence;
pub(crate) mod gate;
pub(crate) mod lm;
pub(crate) mod model;
