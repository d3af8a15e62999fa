//! `agora`: serve the platform and administer it from the command line.
use app::platform::{config::Config, db};
use clap::{Parser, Subcommand};
use server::{assets, commands, demo, startup, telemetry};
use std::{path::PathBuf, process::ExitCode};

#[derive(Parser)]
#[command(name = "agora", version, about = "Agora, plateforme de participation citoyenne")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the platform (the default).
    Serve {
        /// Load the demo data first if the database has none.
        #[arg(long)]
        demo: bool,
    },
    /// Create or update the database schema, then stop.
    Migrate,
    /// Load the demo data (five systems, one account per role), then stop.
    Demo,
    /// Accounts administration.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Participatory-budget files (Pabulib format).
    Pb {
        #[command(subcommand)]
        command: PbCommand,
    },
    /// Sortition with quotas (LEXIMIN).
    Sortition {
        #[command(subcommand)]
        command: SortitionCommand,
    },
    /// Back up the database.
    Backup {
        #[arg(long)]
        to: PathBuf,
    },
    /// Write `.br` and `.gz` beside each built asset of a folder (done by the release build) and
    /// print what a browser downloads.
    Precompress { dir: PathBuf },
}

#[derive(Subcommand)]
enum PbCommand {
    /// Print the selected project ids of a .pb file under a counting rule, one per line.
    Compute {
        file: PathBuf,
        /// greedy, greedy-threshold (threshold from the file's META) or mes (equal shares + Add1).
        #[arg(long, default_value = "greedy")]
        rule: String,
    },
    /// Import a .pb file (approval ballots, in euros) as a closed campaign with its results.
    Import { file: PathBuf },
}

#[derive(Subcommand)]
enum SortitionCommand {
    /// Each person's LEXIMIN selection probability; prints the minimum and the time taken.
    Probabilities {
        #[command(flatten)]
        instance: InstanceFiles,
        /// Write `id,probability` rows here.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Draws used to estimate the legacy greedy method's probabilities, for comparison.
        #[arg(long, default_value_t = 1000)]
        greedy_draws: u32,
    },
    /// Draw a panel from public sources before witnesses and write its public record (JSON).
    Draw {
        #[command(flatten)]
        instance: InstanceFiles,
        #[command(flatten)]
        public: PublicDraw,
    },
    /// Recompute a public record; exits non-zero and lists the differences when it does not hold.
    Verify {
        record: PathBuf,
        /// For a replacement: the record it continues, whose link is checked too.
        #[arg(long)]
        previous: Option<PathBuf>,
    },
    /// Replace withdrawn members by the same route among the remaining candidates.
    Replace {
        record: PathBuf,
        /// Id of a member who withdraws (repeat for several).
        #[arg(long, required = true)]
        withdrawn: Vec<String>,
        #[command(flatten)]
        public: PublicDraw,
    },
}

/// A pool and quotas in the CSV shapes of `reference/sortition/`, and the seats to fill.
#[derive(clap::Args)]
struct InstanceFiles {
    #[arg(long)]
    pool: PathBuf,
    #[arg(long)]
    quotas: PathBuf,
    #[arg(long)]
    seats: u32,
}

/// What staff type in front of the witnesses, and where the record goes.
#[derive(clap::Args)]
struct PublicDraw {
    /// Numbers of one public source, e.g. "3 5 1" or "Loto du 12 mars 2026 : 5 12 23 34 45" (repeatable).
    #[arg(long = "source", required = true)]
    sources: Vec<String>,
    /// Name of a witness (repeatable).
    #[arg(long = "witness", required = true)]
    witnesses: Vec<String>,
    /// The record to write (an existing file is never overwritten).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a staff account (the first one, typically).
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administration")]
        name: String,
        /// Generated and printed when omitted.
        #[arg(long, env = "AGORA_ADMIN_PASSWORD")]
        password: Option<String>,
    },
}

fn sortition(command: &SortitionCommand) -> Result<String, String> {
    match command {
        SortitionCommand::Probabilities { instance: InstanceFiles { pool, quotas, seats }, out, greedy_draws } => {
            commands::sortition_probabilities(pool, quotas, *seats, out.as_deref(), *greedy_draws)
        }
        SortitionCommand::Draw { instance: InstanceFiles { pool, quotas, seats }, public } => {
            commands::sortition_draw(pool, quotas, *seats, &public.sources, &public.witnesses, &public.out)
        }
        SortitionCommand::Verify { record, previous } => commands::sortition_verify(record, previous.as_deref()),
        SortitionCommand::Replace { record, withdrawn, public } => {
            commands::sortition_replace(record, withdrawn, &public.sources, &public.witnesses, &public.out)
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("agora : {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let command = cli.command.unwrap_or(Command::Serve { demo: false });
    if let Command::Pb { command: PbCommand::Compute { file, rule } } = &command {
        for id in commands::pb_compute(file, rule)? {
            println!("{id}");
        }
        return Ok(());
    }
    if let Command::Sortition { command } = &command {
        print!("{}", sortition(command)?);
        return Ok(());
    }
    if let Command::Precompress { dir } = &command {
        let weights = assets::precompress(dir).map_err(|error| format!("{} : {error}", dir.display()))?;
        print!("{}", assets::weight_table(&weights));
        return Ok(());
    }
    let config = Config::from_env()?;
    match command {
        Command::Serve { demo } => {
            let state = startup::build_state(config).await?;
            if demo && demo::load(&state.pool).await? {
                println!("Données de démonstration chargées.");
            }
            let listener = tokio::net::TcpListener::bind(state.config.site_addr)
                .await
                .map_err(|error| format!("impossible d'écouter sur {} : {error}", state.config.site_addr))?;
            let address = listener.local_addr().map_err(|error| error.to_string())?;
            println!("Agora est servie sur http://{address}");
            if demo {
                println!("Comptes de démonstration (mot de passe entre parenthèses) :");
                for (email, _, password, role) in demo::DEMO_ACCOUNTS {
                    println!("  {:<28} {email} ({password})", role.label());
                }
            }
            startup::serve(state, listener, startup::shutdown_signal()).await.map_err(|error| error.to_string())
        }
        Command::Migrate => {
            commands::migrate(&config.database_url).await?;
            println!("Base de données à jour.");
            Ok(())
        }
        Command::Demo => {
            let (pool, backend) = db::connect(&config.database_url).await?;
            db::migrate(&pool, backend).await?;
            let loaded = demo::load(&pool).await?;
            println!(
                "{}",
                if loaded {
                    "Données de démonstration chargées."
                } else {
                    "Les données de démonstration sont déjà là."
                }
            );
            Ok(())
        }
        Command::Admin { command: AdminCommand::Create { email, name, password } } => {
            let (pool, backend) = db::connect(&config.database_url).await?;
            db::migrate(&pool, backend).await?;
            let password = commands::create_admin(&pool, &email, &name, password).await?;
            println!("Compte d'équipe créé : {email} (mot de passe : {password})");
            Ok(())
        }
        Command::Pb { command: PbCommand::Import { file } } => {
            let (pool, backend) = db::connect(&config.database_url).await?;
            db::migrate(&pool, backend).await?;
            let done = commands::pb_import(&pool, &commands::read_text(&file)?).await?;
            println!("{}", done.ok_or("cette campagne est déjà importée")?);
            Ok(())
        }
        Command::Pb { .. } | Command::Sortition { .. } | Command::Precompress { .. } => Ok(()),
        Command::Backup { to } => {
            let (pool, backend) = db::connect(&config.database_url).await?;
            println!("{}", commands::backup(&pool, backend, &config.database_url, &to).await?);
            Ok(())
        }
    }
}
