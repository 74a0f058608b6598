//! Each table's columns with the role the catalogue gives them: `cargo run --example columns -- FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: columns FILE");
        return;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    match yusuan::import::published_text(&bytes, &path) {
        Ok(b) => {
            for t in &b.tables {
                println!(
                    "{} {:?} {} sides {:?} total row {:?}",
                    t.key,
                    t.role,
                    t.title,
                    t.sides(),
                    t.total_row()
                );
                for (j, c) in t.column_names().iter().enumerate() {
                    let role = t.column_roles().get(j).copied().flatten();
                    println!("  {j}: {c} -> {role:?}");
                }
            }
        }
        Err(e) => eprintln!("{e:?}"),
    }
}
