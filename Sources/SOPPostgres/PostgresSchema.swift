import SOPStorage

/// The PostgreSQL schema as named migrations, applied in order by `sop init` / `sop upgrade` and recorded in `sop_migrations`.
/// A migration that has shipped is never edited or removed: a change is a new migration added at the end.
///
/// The first migration (`pg1-initial`) makes the schema the SQLite store has after all of its
/// migrations (`Schema`, v1 to v13): the same tables, columns, keys, checks, indexes and rules,
/// under the same names. Types map one to one, so that a row reads back as the same values:
///
/// - SQLite `INTEGER` is `BIGINT` (Swift's `Int64`), flags included: a 0/1 column stays a number
///   with its `CHECK (x IN (0, 1))`, not a `BOOLEAN`, since the digest of a row tells an integer
///   from anything else.
/// - `REAL` is `DOUBLE PRECISION`: times are seconds since 1970, as in SQLite, never
///   `TIMESTAMPTZ` (which keeps microseconds and would round them).
/// - `TEXT` is `TEXT` (JSON too, never `jsonb`, which rewrites the text an event's hash covers);
///   `BLOB` is `BYTEA`.
///
/// So the digest of a row (`Chain.digest`, over integers, exact 64-bit reals and texts) is the
/// one SQLite gives, and a copy between the stores keeps every event hash, row digest and ledger
/// head. Every numbered key is a plain `BIGINT` the store gives, the next after the highest,
/// under its write lock: the ones SQLite numbers by row id too (staff changes, publications,
/// reveals, the outbox, notification settings and staff e-mail addresses), so numbers never skip
/// as a sequence's do.
///
/// Every rule of the schema is a PL/pgSQL trigger function, `sop_<trigger>()`, under the name
/// of the SQLite trigger it stands for, raising SQLite's message with the one SQLSTATE `SP001`:
/// the store tells a rule of the schema from any other error by that code, and says which by the
/// message. The tables kept for good also refuse `TRUNCATE` (which SQLite does not have, and which
/// skips the row triggers), with the message of their deletion.
enum PostgresSchema {
    /// A rule that refuses every change of one kind (`UPDATE` or `DELETE`) to a table, with
    /// SQLite's message: the function `sop_<name>()` and its trigger; with `truncating`, `TRUNCATE`
    /// (which skips the row triggers) is refused with the same message.
    static func refusing(_ name: String, before event: String, on table: String, _ message: String, truncating: Bool = false) -> String {
        precondition(!message.contains("'") && (name + table).allSatisfy { $0.isLetter || $0 == "_" }, "a literal of the schema")
        var sql = """
            CREATE FUNCTION sop_\(name)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '\(message)' USING ERRCODE = 'SP001';
            END
            $$;
            CREATE TRIGGER \(name) BEFORE \(event) ON \(table)
                FOR EACH ROW EXECUTE FUNCTION sop_\(name)();
            """
        if truncating {
            sql += """

                CREATE TRIGGER \(table)_never_truncated BEFORE TRUNCATE ON \(table)
                    FOR EACH STATEMENT EXECUTE FUNCTION sop_\(name)();
                """
        }
        return sql
    }

    /// The function of a rule that, on an office's database (one of `identities`), lets a case
    /// open or move only onto a published revision.
    static func publishedOnly(_ name: String, _ message: String, identities: [String], replacing: Bool = false) -> String {
        let condition = identities.count == 1
            ? "identity = '\(identities[0])'" : "identity IN (" + identities.map { "'\($0)'" }.joined(separator: ", ") + ")"
        return """
            CREATE \(replacing ? "OR REPLACE " : "")FUNCTION sop_\(name)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM office WHERE \(condition))
                    AND NOT EXISTS (SELECT 1 FROM publications WHERE kind = 'workflow' AND hash = NEW.content_hash) THEN
                    RAISE EXCEPTION '\(message)' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            """
    }

    /// The rule that lets only an administrator (`by_user` holding the `admin` role) insert into
    /// a table: "only an administrator `does`" (SQLite's `Schema.byAnAdministrator`).
    static func byAnAdministrator(_ table: String, _ does: String) -> String {
        precondition(!does.contains("'") && table.allSatisfy { $0.isLetter || $0 == "_" }, "a literal of the schema")
        return """
            CREATE FUNCTION sop_\(table)_by_an_administrator() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = NEW.by_user) THEN
                    RAISE EXCEPTION 'only an administrator \(does)' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER \(table)_by_an_administrator BEFORE INSERT ON \(table)
                FOR EACH ROW EXECUTE FUNCTION sop_\(table)_by_an_administrator();
            """
    }

    struct Migration: Sendable {
        let name: String
        let sql: String
    }

    static let migrations: [Migration] = [
        Migration(
            name: "pg1-initial",
            sql: """
            -- The exact YAML text of every workflow revision a case ran on, by SHA-256 of its bytes.
            CREATE TABLE workflow_texts (
                hash TEXT PRIMARY KEY NOT NULL,
                workflow_id TEXT NOT NULL,
                revision BIGINT NOT NULL,
                text TEXT NOT NULL
            );
            CREATE INDEX workflow_texts_by_revision ON workflow_texts (workflow_id, revision);

            -- One row per case: the columns that lists, queues and the sweep filter on (dates are
            -- seconds since 1970), who must act on the current step and since when, the case's
            -- history for reports (JSON), the hash of its last event (`chain_head`) and a digest of
            -- the row's own columns (`row_hash`). Cases are never deleted. On an office's database
            -- (system identity) a case opens, or moves, only onto a published revision.
            CREATE TABLE cases (
                number BIGINT PRIMARY KEY,
                register_number TEXT NOT NULL UNIQUE,
                workflow_id TEXT NOT NULL,
                revision BIGINT NOT NULL,
                content_hash TEXT NOT NULL REFERENCES workflow_texts (hash),
                status TEXT NOT NULL,
                current_step TEXT,
                channel TEXT,
                opened_at DOUBLE PRECISION NOT NULL,
                due_at DOUBLE PRECISION NOT NULL,
                step_due_at DOUBLE PRECISION,
                closed_at DOUBLE PRECISION,
                version BIGINT NOT NULL CHECK (version >= 1),
                current_actors TEXT,
                step_started_at DOUBLE PRECISION,
                history TEXT NOT NULL DEFAULT '',
                chain_head TEXT NOT NULL DEFAULT '',
                row_hash TEXT NOT NULL DEFAULT '',
                next_due_at DOUBLE PRECISION
            );
            CREATE INDEX cases_overdue ON cases (step_due_at) WHERE status IN ('open', 'waiting-for-reporter');
            CREATE INDEX cases_ended_by_status ON cases (status) WHERE status NOT IN ('open', 'waiting-for-reporter');
            CREATE INDEX cases_by_workflow ON cases (workflow_id);
            CREATE INDEX cases_by_channel ON cases (channel);
            CREATE INDEX cases_by_opening ON cases (opened_at);
            CREATE INDEX cases_by_content ON cases (content_hash);
            CREATE INDEX cases_next_due ON cases (next_due_at) WHERE next_due_at IS NOT NULL;

            \(refusing("cases_never_deleted", before: "DELETE", on: "cases", "cases are never deleted", truncating: true))

            \(publishedOnly("cases_open_on_published_revisions", "cases open only on published revisions", identities: ["system"]))
            CREATE TRIGGER cases_open_on_published_revisions BEFORE INSERT ON cases
                FOR EACH ROW EXECUTE FUNCTION sop_cases_open_on_published_revisions();

            \(publishedOnly("cases_move_to_published_revisions", "cases move only onto published revisions", identities: ["system"]))
            CREATE TRIGGER cases_move_to_published_revisions BEFORE UPDATE OF content_hash ON cases
                FOR EACH ROW EXECUTE FUNCTION sop_cases_move_to_published_revisions();

            CREATE FUNCTION sop_cases_name_their_last_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.chain_head IS DISTINCT FROM (
                    SELECT hash FROM events WHERE case_number = NEW.number AND sequence = NEW.version) THEN
                    RAISE EXCEPTION 'a case row names the hash of its last event' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER cases_name_their_last_event BEFORE UPDATE ON cases
                FOR EACH ROW EXECUTE FUNCTION sop_cases_name_their_last_event();

            -- Every event of every case, append-only, keyed by (case, sequence): `payload` is the
            -- whole event as JSON; `at`, `by_user` and `kind` are copies to query on. Each event
            -- carries the hash of the one before it in its case (`previous`, 64 zeros for the first)
            -- and its own (`hash`). The key refuses an event twice, a trigger a gap or an event that
            -- does not name the hash of the one before, and two more any change or deletion.
            CREATE TABLE events (
                case_number BIGINT NOT NULL REFERENCES cases (number),
                sequence BIGINT NOT NULL CHECK (sequence >= 1),
                at DOUBLE PRECISION NOT NULL,
                by_user TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                previous TEXT NOT NULL,
                hash TEXT NOT NULL,
                PRIMARY KEY (case_number, sequence)
            );

            CREATE FUNCTION sop_events_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.sequence <> 1 + COALESCE(
                        (SELECT MAX(sequence) FROM events WHERE case_number = NEW.case_number), 0)
                    OR NEW.previous IS DISTINCT FROM COALESCE(
                        (SELECT hash FROM events WHERE case_number = NEW.case_number AND sequence = NEW.sequence - 1),
                        '\(Chain.genesis)') THEN
                    RAISE EXCEPTION 'events are appended in order, each naming the hash of the one before' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER events_in_order BEFORE INSERT ON events
                FOR EACH ROW EXECUTE FUNCTION sop_events_in_order();

            \(refusing("events_never_updated", before: "UPDATE", on: "events", "events are append-only: an event is never changed"))

            \(refusing("events_never_deleted", before: "DELETE", on: "events", "events are append-only: an event is never deleted", truncating: true))

            -- The staff registry: users and the actor roles they hold. The schema keeps an
            -- administrator: the last `admin` role is never withdrawn, nor its member removed.
            CREATE TABLE staff (
                user_name TEXT PRIMARY KEY NOT NULL,
                added_at DOUBLE PRECISION NOT NULL
            );
            CREATE TABLE staff_roles (
                user_name TEXT NOT NULL REFERENCES staff (user_name) ON DELETE CASCADE,
                role TEXT NOT NULL,
                PRIMARY KEY (user_name, role)
            );
            CREATE INDEX staff_roles_by_role ON staff_roles (role);

            CREATE FUNCTION sop_staff_keeps_an_administrator() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (SELECT COUNT(*) FROM staff_roles WHERE role = 'admin') <= 1 THEN
                    RAISE EXCEPTION 'the last administrator is never removed' USING ERRCODE = 'SP001';
                END IF;
                RETURN OLD;
            END
            $$;
            CREATE TRIGGER staff_keeps_an_administrator BEFORE DELETE ON staff_roles
                FOR EACH ROW WHEN (OLD.role = 'admin') EXECUTE FUNCTION sop_staff_keeps_an_administrator();

            CREATE FUNCTION sop_staff_member_keeps_an_administrator() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = OLD.user_name)
                    AND (SELECT COUNT(*) FROM staff_roles WHERE role = 'admin') <= 1 THEN
                    RAISE EXCEPTION 'the last administrator is never removed' USING ERRCODE = 'SP001';
                END IF;
                RETURN OLD;
            END
            $$;
            CREATE TRIGGER staff_member_keeps_an_administrator BEFORE DELETE ON staff
                FOR EACH ROW EXECUTE FUNCTION sop_staff_member_keeps_an_administrator();

            -- Attachments, content-addressed by SHA-256.
            CREATE TABLE attachments (
                sha256 TEXT PRIMARY KEY NOT NULL,
                size BIGINT NOT NULL,
                data BYTEA NOT NULL
            );

            -- Migrations of open cases onto another revision of their SOP (`sop migrate`): the id
            -- (`M` and the number), who, when, the target revision and the step mapping (JSON), and
            -- who undid it and when. Never deleted.
            CREATE TABLE workflow_migrations (
                number BIGINT PRIMARY KEY CHECK (number >= 1),
                workflow_id TEXT NOT NULL,
                to_revision BIGINT NOT NULL,
                to_hash TEXT NOT NULL REFERENCES workflow_texts (hash),
                mapping TEXT NOT NULL,
                by_user TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                undone_by TEXT,
                undone_at DOUBLE PRECISION
            );
            CREATE INDEX workflow_migrations_by_workflow ON workflow_migrations (workflow_id);

            \(refusing("workflow_migrations_never_deleted", before: "DELETE", on: "workflow_migrations", "migrations are never deleted", truncating: true))

            -- The cases each migration moved: where each came from, where it went, the sequence of
            -- its migration event and of the event that undid it (undo is refused once a case has
            -- an event after it). The events themselves are in `events`, like every other event.
            CREATE TABLE workflow_migration_cases (
                migration BIGINT NOT NULL REFERENCES workflow_migrations (number),
                case_number BIGINT NOT NULL REFERENCES cases (number),
                register_number TEXT NOT NULL,
                from_revision BIGINT NOT NULL,
                from_hash TEXT NOT NULL REFERENCES workflow_texts (hash),
                from_step TEXT NOT NULL,
                to_step TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                undo_sequence BIGINT,
                PRIMARY KEY (migration, case_number)
            );
            CREATE INDEX workflow_migration_cases_by_case ON workflow_migration_cases (case_number);

            -- Who set the database up and whose word names the acting user (`sop init`): the system
            -- account (an office's database) or the name claimed (demos, tests, training). One row,
            -- never changed.
            CREATE TABLE office (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                identity TEXT NOT NULL CHECK (identity IN ('system', 'declared')),
                created_at DOUBLE PRECISION NOT NULL,
                created_by TEXT NOT NULL
            );

            \(refusing("office_never_updated", before: "UPDATE", on: "office", "how a database was set up is never changed"))

            \(refusing("office_never_deleted", before: "DELETE", on: "office", "how a database was set up is never changed", truncating: true))

            -- The registry's every change, for good: who granted or withdrew which roles (a JSON
            -- list) of whom, and when. Once the registry has an administrator, only an administrator
            -- changes it.
            CREATE TABLE staff_changes (
                number BIGINT PRIMARY KEY CHECK (number >= 1),
                at DOUBLE PRECISION NOT NULL,
                by_user TEXT NOT NULL,
                change TEXT NOT NULL CHECK (change IN ('added', 'removed')),
                user_name TEXT NOT NULL,
                roles TEXT NOT NULL,
                member_removed BIGINT NOT NULL DEFAULT 0 CHECK (member_removed IN (0, 1))
            );

            \(refusing("staff_changes_never_updated", before: "UPDATE", on: "staff_changes", "the registry history is append-only: a change is never changed"))

            \(refusing("staff_changes_never_deleted", before: "DELETE", on: "staff_changes", "the registry history is append-only: a change is never deleted", truncating: true))

            CREATE FUNCTION sop_staff_changes_by_an_administrator() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin')
                    AND NOT EXISTS (SELECT 1 FROM staff_roles WHERE role = 'admin' AND user_name = NEW.by_user) THEN
                    RAISE EXCEPTION 'only an administrator changes the staff registry' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER staff_changes_by_an_administrator BEFORE INSERT ON staff_changes
                FOR EACH ROW EXECUTE FUNCTION sop_staff_changes_by_an_administrator();

            -- The exact text of every calendar published, by SHA-256 of its bytes.
            CREATE TABLE calendar_texts (
                hash TEXT PRIMARY KEY NOT NULL,
                calendar_id TEXT NOT NULL,
                text TEXT NOT NULL
            );

            -- What administrators published (`sop publish`): workflow revisions and calendars, each
            -- by the SHA-256 of a text the database holds, kept for good. Only an administrator
            -- publishes, and a published revision never changes its text.
            CREATE TABLE publications (
                number BIGINT PRIMARY KEY CHECK (number >= 1),
                kind TEXT NOT NULL CHECK (kind IN ('workflow', 'calendar')),
                item_id TEXT NOT NULL,
                revision BIGINT CHECK ((kind = 'workflow') = (revision IS NOT NULL)),
                hash TEXT NOT NULL,
                at DOUBLE PRECISION NOT NULL,
                by_user TEXT NOT NULL
            );
            CREATE UNIQUE INDEX publications_one_text_per_revision ON publications (item_id, revision) WHERE kind = 'workflow';
            CREATE INDEX publications_by_hash ON publications (hash);

            \(refusing("publications_never_updated", before: "UPDATE", on: "publications", "publications are kept for good: a publication is never changed"))

            \(refusing("publications_never_deleted", before: "DELETE", on: "publications", "publications are kept for good: a publication is never deleted", truncating: true))

            \(byAnAdministrator("publications", "publishes"))

            CREATE FUNCTION sop_publications_of_stored_texts() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (NEW.kind = 'workflow' AND NOT EXISTS (
                        SELECT 1 FROM workflow_texts WHERE hash = NEW.hash AND workflow_id = NEW.item_id AND revision = NEW.revision))
                    OR (NEW.kind = 'calendar' AND NOT EXISTS (
                        SELECT 1 FROM calendar_texts WHERE hash = NEW.hash AND calendar_id = NEW.item_id)) THEN
                    RAISE EXCEPTION 'a publication names a text the database holds' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER publications_of_stored_texts BEFORE INSERT ON publications
                FOR EACH ROW EXECUTE FUNCTION sop_publications_of_stored_texts();

            -- Every time someone saw a case's personal data in full (`--reveal`): who, when, which
            -- case, by which command; kept for good.
            CREATE TABLE reveals (
                number BIGINT PRIMARY KEY CHECK (number >= 1),
                at DOUBLE PRECISION NOT NULL,
                by_user TEXT NOT NULL,
                case_number BIGINT NOT NULL REFERENCES cases (number),
                command TEXT NOT NULL
            );
            CREATE INDEX reveals_by_case ON reveals (case_number);

            \(refusing("reveals_never_updated", before: "UPDATE", on: "reveals", "reveals are kept for good: a reveal is never changed"))

            \(refusing("reveals_never_deleted", before: "DELETE", on: "reveals", "reveals are kept for good: a reveal is never deleted", truncating: true))

            -- The ledger (`Chain`), which chains every write: a case at a version, a registry change,
            -- a publication, a reveal, a move and its undoing, the set-up; each entry with a digest
            -- of what was written and the head after it. Entries are appended in order, numbered
            -- from 1, and never changed or deleted.
            CREATE TABLE ledger (
                number BIGINT PRIMARY KEY CHECK (number >= 1),
                kind TEXT NOT NULL CHECK (kind IN ('office', 'staff-change', 'publication', 'case', 'move', 'move-undone', 'reveal')),
                item BIGINT NOT NULL,
                version BIGINT CHECK ((kind = 'case') = (version IS NOT NULL)),
                digest TEXT NOT NULL,
                head TEXT NOT NULL
            );

            CREATE FUNCTION sop_ledger_in_order() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.number <> 1 + COALESCE((SELECT MAX(number) FROM ledger), 0) THEN
                    RAISE EXCEPTION 'the ledger is appended in order' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER ledger_in_order BEFORE INSERT ON ledger
                FOR EACH ROW EXECUTE FUNCTION sop_ledger_in_order();

            \(refusing("ledger_never_updated", before: "UPDATE", on: "ledger", "the ledger is append-only: an entry is never changed"))

            \(refusing("ledger_never_deleted", before: "DELETE", on: "ledger", "the ledger is append-only: an entry is never deleted", truncating: true))

            -- How the office is told of notices: whether by e-mail, from which address, and to which
            -- webhook. Each setting is kept for good with the ones before, the newest in force, and
            -- is set only by an administrator. (SQLite's LIKE ignores the case of ASCII letters, so
            -- the check here is ILIKE.)
            CREATE TABLE notification_settings (
                number BIGINT PRIMARY KEY CHECK (number >= 1),
                at DOUBLE PRECISION NOT NULL,
                by_user TEXT NOT NULL,
                email BIGINT NOT NULL CHECK (email IN (0, 1)),
                email_from TEXT,
                webhook_url TEXT CHECK (webhook_url IS NULL OR webhook_url ILIKE 'http://%' OR webhook_url ILIKE 'https://%')
            );

            \(refusing("notification_settings_never_updated", before: "UPDATE", on: "notification_settings", "a notification setting is kept for good: it is never changed"))

            \(refusing("notification_settings_never_deleted", before: "DELETE", on: "notification_settings", "a notification setting is kept for good: it is never deleted", truncating: true))

            \(byAnAdministrator("notification_settings", "sets how notices are sent"))

            -- The e-mail address of each member of staff (or none, which withdraws it), kept for good
            -- with the ones before, the newest in force, and set only by an administrator.
            CREATE TABLE staff_emails (
                number BIGINT PRIMARY KEY CHECK (number >= 1),
                user_name TEXT NOT NULL,
                email TEXT,
                at DOUBLE PRECISION NOT NULL,
                by_user TEXT NOT NULL
            );
            CREATE INDEX staff_emails_by_user ON staff_emails (user_name, number);

            \(refusing("staff_emails_never_updated", before: "UPDATE", on: "staff_emails", "the e-mail address of a member of staff is kept for good: it is never changed"))

            \(refusing("staff_emails_never_deleted", before: "DELETE", on: "staff_emails", "the e-mail address of a member of staff is kept for good: it is never deleted", truncating: true))

            \(byAnAdministrator("staff_emails", "sets how notices are sent"))

            -- The outbox: the notices an event causes, one per channel, written in that event's
            -- transaction, and where their delivery stands (pending with the time of the next
            -- attempt, sent, or failed for good). A notice never changes what it tells, a notice
            -- delivered stays delivered, and none is ever deleted.
            CREATE TABLE outbox (
                id BIGINT PRIMARY KEY CHECK (id >= 1),
                case_number BIGINT NOT NULL,
                sequence BIGINT NOT NULL,
                channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
                notice TEXT NOT NULL,
                created_at DOUBLE PRECISION NOT NULL,
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
                attempts BIGINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                next_attempt_at DOUBLE PRECISION,
                claimed_until DOUBLE PRECISION,
                sent_at DOUBLE PRECISION,
                last_error TEXT,
                FOREIGN KEY (case_number, sequence) REFERENCES events (case_number, sequence),
                UNIQUE (case_number, sequence, channel),
                CHECK ((status = 'pending') = (next_attempt_at IS NOT NULL)),
                CHECK ((status = 'sent') = (sent_at IS NOT NULL))
            );
            CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';

            \(refusing("outbox_never_deleted", before: "DELETE", on: "outbox", "a notice is never deleted from the outbox", truncating: true))

            CREATE FUNCTION sop_outbox_tells_what_it_told() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'a notice in the outbox never changes what it tells' USING ERRCODE = 'SP001';
            END
            $$;
            CREATE TRIGGER outbox_tells_what_it_told BEFORE UPDATE OF case_number, sequence, channel, notice, created_at ON outbox
                FOR EACH ROW EXECUTE FUNCTION sop_outbox_tells_what_it_told();

            CREATE FUNCTION sop_outbox_sent_stays_sent() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'a notice delivered stays delivered' USING ERRCODE = 'SP001';
            END
            $$;
            CREATE TRIGGER outbox_sent_stays_sent BEFORE UPDATE ON outbox
                FOR EACH ROW WHEN (OLD.status = 'sent') EXECUTE FUNCTION sop_outbox_sent_stays_sent();

            -- Every attempt to deliver a notice of the outbox, numbered from 1 for each notice: when,
            -- whether it was delivered, to whom (a JSON list), and what the mailer or the webhook
            -- said. Kept for good.
            CREATE TABLE outbox_attempts (
                outbox_id BIGINT NOT NULL REFERENCES outbox (id),
                number BIGINT NOT NULL CHECK (number >= 1),
                at DOUBLE PRECISION NOT NULL,
                delivered BIGINT NOT NULL CHECK (delivered IN (0, 1)),
                recipients TEXT NOT NULL,
                detail TEXT NOT NULL,
                PRIMARY KEY (outbox_id, number)
            );

            \(refusing("outbox_attempts_never_updated", before: "UPDATE", on: "outbox_attempts", "an attempt to deliver a notice is kept for good: it is never changed"))

            \(refusing("outbox_attempts_never_deleted", before: "DELETE", on: "outbox_attempts", "an attempt to deliver a notice is kept for good: it is never deleted", truncating: true))
            """
        ),
        // Who acts, and what each may do, decided by PostgreSQL. A third way of naming who acts,
        // `server`: on such an office's database (what `sop init` makes on PostgreSQL; cases open
        // and move only onto published revisions, as on a `system` one) every record names, as who made it, the user PostgreSQL authenticated for the
        // session (`session_user`): the sweep's events alone name `sistem`, and only a member of
        // staff writes them. The database's three roles (named after it: `<database>_reader`,
        // `_staff`, `_admin`, each a member of the one before) hold the privileges: readers read
        // everything (reports, auditors); staff append events, attachments and the ledger, keep a
        // case's row and the outbox up to date, and record reveals, never changing or deleting a
        // record of history; administrators also change the registry, publish and move cases.
        // Nobody else may connect. The one who upgrades owns the tables and is none of these.
        Migration(
            name: "pg2-identity-and-privileges",
            sql: """
            ALTER TABLE office DROP CONSTRAINT office_identity_check;
            ALTER TABLE office ADD CONSTRAINT office_identity_check CHECK (identity IN ('system', 'declared', 'server'));

            \(publishedOnly("cases_open_on_published_revisions", "cases open only on published revisions", identities: ["system", "server"], replacing: true))
            \(publishedOnly("cases_move_to_published_revisions", "cases move only onto published revisions", identities: ["system", "server"], replacing: true))

            CREATE FUNCTION sop_by_the_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM office WHERE identity = 'server') AND NEW.by_user IS DISTINCT FROM session_user
                    AND NOT (TG_TABLE_NAME = 'events' AND NEW.by_user = 'sistem'
                        AND EXISTS (SELECT 1 FROM staff WHERE user_name = session_user)) THEN
                    RAISE EXCEPTION 'a record names as who made it the user PostgreSQL authenticated' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            \(["events", "staff_changes", "publications", "reveals", "notification_settings", "staff_emails", "workflow_migrations"].map {
                "CREATE TRIGGER \($0)_by_the_session_user BEFORE INSERT ON \($0) FOR EACH ROW EXECUTE FUNCTION sop_by_the_session_user();"
            }.joined(separator: "\n"))

            CREATE FUNCTION sop_undone_by_the_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (SELECT 1 FROM office WHERE identity = 'server') AND NEW.undone_by IS DISTINCT FROM session_user THEN
                    RAISE EXCEPTION 'a record names as who made it the user PostgreSQL authenticated' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER workflow_migrations_undone_by_the_session_user BEFORE UPDATE OF undone_by ON workflow_migrations
                FOR EACH ROW EXECUTE FUNCTION sop_undone_by_the_session_user();

            CREATE FUNCTION sop_set_up_by_the_session_user() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.identity = 'server' AND NEW.created_by IS DISTINCT FROM session_user THEN
                    RAISE EXCEPTION 'a record names as who made it the user PostgreSQL authenticated' USING ERRCODE = 'SP001';
                END IF;
                RETURN NEW;
            END
            $$;
            CREATE TRIGGER office_set_up_by_the_session_user BEFORE INSERT ON office
                FOR EACH ROW EXECUTE FUNCTION sop_set_up_by_the_session_user();

            DO $$
            DECLARE
                reader TEXT := current_database() || '_reader';
                staff TEXT := current_database() || '_staff';
                admin TEXT := current_database() || '_admin';
                here TEXT := current_schema();
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = reader) THEN EXECUTE format('CREATE ROLE %I NOLOGIN', reader); END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = staff) THEN EXECUTE format('CREATE ROLE %I NOLOGIN', staff); END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = admin) THEN EXECUTE format('CREATE ROLE %I NOLOGIN', admin); END IF;
                EXECUTE format('GRANT %I TO %I', reader, staff);
                EXECUTE format('GRANT %I TO %I', staff, admin);
                EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
                EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), reader);
                EXECUTE format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', here);
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', here, reader);
                EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', here, reader);
                EXECUTE format(
                    'GRANT INSERT ON events, cases, attachments, ledger, workflow_texts, outbox, outbox_attempts, reveals TO %I', staff);
                EXECUTE format('GRANT UPDATE (revision, content_hash, status, current_step, channel, due_at, step_due_at, closed_at, '
                    'version, current_actors, step_started_at, history, chain_head, next_due_at, row_hash) ON cases TO %I', staff);
                EXECUTE format(
                    'GRANT UPDATE (status, attempts, next_attempt_at, claimed_until, sent_at, last_error) ON outbox TO %I', staff);
                EXECUTE format('GRANT INSERT ON staff, staff_roles, staff_changes, publications, calendar_texts, notification_settings, '
                    'staff_emails, workflow_migrations, workflow_migration_cases TO %I', admin);
                EXECUTE format('GRANT DELETE ON staff, staff_roles TO %I', admin);
                EXECUTE format('GRANT UPDATE (undone_by, undone_at) ON workflow_migrations TO %I', admin);
                EXECUTE format('GRANT UPDATE (undo_sequence) ON workflow_migration_cases TO %I', admin);
            END
            $$;
            """),
    ]

    /// The table recording applied migrations (created before any migration runs).
    static let migrationsTable = "CREATE TABLE IF NOT EXISTS sop_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
}
