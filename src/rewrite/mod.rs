//! Writing the restored wording: case carried over from the original,
//! articles that agree with the restored word, and the edits themselves.

pub(crate) mod article;
pub(crate) mod case;
pub(crate) mod edit;
