//! Command-line behaviour, as data: each `tests/cmd/*.toml` is one run of
//! the binary with its arguments, input, expected output and exit code.

#[test]
fn cli_cases() {
    trycmd::TestCases::new().case("tests/cmd/*.toml");
}
