-- Demo rows on top of runbot-schema.sql: the code-server source layer, Dockerfiles that include it by each
-- path runbot renders (a direct reference_layer, a variant of such a Dockerfile, a reference_file chain) and one
-- that does not, with running builds on the demo host.
-- Load with: psql -v ON_ERROR_STOP=1 -d <db> -f runbot-schema.sql -f demo-data.sql
BEGIN;

-- The source layer, as 'runbot-vscode layer install' creates it (content shortened for the demo).
INSERT INTO runbot_docker_layer (id, name, sequence, dockerfile_id, layer_type, content, "values", create_uid, create_date, write_uid, write_date)
VALUES (40, 'Code server', 0, NULL, 'template',
        E'USER root\nLABEL org.runbot-vscode.code-server="{CODE_SERVER_VERSION}"',
        '{"CODE_SERVER_VERSION": "4.104.2"}', 1, '2025-01-03 00:00:00', 1, '2025-01-03 00:00:00');
INSERT INTO ir_model_data (name, module, model, res_id, noupdate)
VALUES ('docker_layer_code_server', 'runbot_attach_vscode', 'runbot.docker_layer', 40, true);

-- DockerDefault includes it directly, before runbot's final user switch (sequence 1020).
INSERT INTO runbot_docker_layer (id, name, sequence, dockerfile_id, layer_type, reference_docker_layer_id, "values", create_uid, create_date, write_uid, write_date)
VALUES (41, 'Code server', 1015, 1, 'reference_layer', 40, '{}', 1, '2025-01-03 00:00:00', 1, '2025-01-03 00:00:00');

-- A Dockerfile without code-server, and one that renders DockerDefault through a reference_file layer.
INSERT INTO runbot_dockerfile (id, name, parent_id, active, image_tag, to_build, in_error, default_values, create_date, write_date) VALUES
    (3, 'Plain', NULL, true, 'odoo:Plain', true, false, '{}', '2025-01-03 00:00:00', '2025-01-03 00:00:00'),
    (4, 'Chained', NULL, true, 'odoo:Chained', true, false, '{}', '2025-01-03 00:00:00', '2025-01-03 00:00:00');
INSERT INTO runbot_docker_layer (id, name, sequence, dockerfile_id, layer_type, content, reference_dockerfile_id, "values", create_date, write_date) VALUES
    (42, 'Base image', 0, 3, 'raw', 'FROM debian:bookworm', NULL, '{}', '2025-01-03 00:00:00', '2025-01-03 00:00:00'),
    (43, 'Everything of DockerDefault', 0, 4, 'reference_file', NULL, 1, '{}', '2025-01-03 00:00:00', '2025-01-03 00:00:00');
ALTER SEQUENCE runbot_dockerfile_id_seq RESTART WITH 5;
ALTER SEQUENCE runbot_docker_layer_id_seq RESTART WITH 50;

-- Params for each Dockerfile (2 is the 'chrome' variant of DockerDefault).
INSERT INTO runbot_build_params (id, version_id, project_id, dockerfile_id, config_id, config_data, fingerprint, create_date, write_date) VALUES
    (4, 1, 1, 3, 1, '{}', 'demo-plain',   '2025-01-03 00:00:00', '2025-01-03 00:00:00'),
    (5, 1, 1, 2, 1, '{}', 'demo-variant', '2025-01-03 00:00:00', '2025-01-03 00:00:00'),
    (6, 1, 1, 4, 1, '{}', 'demo-chained', '2025-01-03 00:00:00', '2025-01-03 00:00:00');
ALTER SEQUENCE runbot_build_params_id_seq RESTART WITH 7;

INSERT INTO runbot_build (id, params_id, version_id, config_id, global_state, local_state, host, port, dest, active_step,
                          job_start, build_type, parent_path, keep_running, access_token, create_date, write_date) VALUES
    (104, 4, 1, 1, 'running', 'running', 'runbot-host-1.example.com', 2006, '00104-17-0', 3, '2025-01-03 09:00:00', 'normal', '104/', false, 'a104', '2025-01-03 08:00:00', '2025-01-03 09:00:00'),
    (105, 5, 1, 1, 'running', 'running', 'runbot-host-1.example.com', 2009, '00105-17-0', 3, '2025-01-03 09:10:00', 'normal', '105/', false, 'a105', '2025-01-03 08:00:00', '2025-01-03 09:10:00'),
    (106, 6, 1, 1, 'running', 'running', 'runbot-host-1.example.com', 2012, '00106-17-0', 3, '2025-01-03 09:20:00', 'normal', '106/', false, 'a106', '2025-01-03 08:00:00', '2025-01-03 09:20:00'),
    (107, 1, 1, 1, 'running', 'running', 'runbot-host-2.example.com', 2000, '00107-17-0', 3, '2025-01-03 09:30:00', 'normal', '107/', false, 'a107', '2025-01-03 08:00:00', '2025-01-03 09:30:00'),
    (108, 1, 1, 1, 'done',    'done',    'runbot-host-1.example.com', 2015, '00108-17-0', 3, '2025-01-03 09:40:00', 'normal', '108/', false, 'a108', '2025-01-03 08:00:00', '2025-01-03 09:40:00');
ALTER SEQUENCE runbot_build_id_seq RESTART WITH 109;

COMMIT;
