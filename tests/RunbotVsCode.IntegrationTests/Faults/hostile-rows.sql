-- Running builds whose values runbot lets through but nginx config must never see, loaded on top of
-- samples/demo-data.sql. hostile_expectation gives, for each build, the skip reason the service must report,
-- or NotRead for a row the host filter of the read query leaves out, so it can never be routed.
-- Build params 1 use DockerDefault, which includes the code-server layer, so each row reaches the value checks.
-- PostgreSQL text cannot hold NUL, so no row has one; the token corpus covers NUL.

CREATE TABLE hostile_expectation (build_id integer PRIMARY KEY, reason text NOT NULL);

-- Params whose Dockerfile is NULL, as on a build created before Dockerfiles existed.
INSERT INTO runbot_build_params (id, version_id, project_id, dockerfile_id, config_id, config_data, fingerprint, create_date, write_date)
VALUES (90, 1, 1, NULL, 1, '{}', 'hostile-no-dockerfile', '2025-01-03 00:00:00', '2025-01-03 00:00:00');

INSERT INTO runbot_build (id, params_id, local_state, host, port, dest, active_step) VALUES
    -- nginx syntax: directive end, blocks, variables, quotes, backslash, comment, glob and path characters.
    (200, 1, 'running', 'runbot-host-1.example.com', 2200, '00200-x;return 200 pwned', 3),
    (201, 1, 'running', 'runbot-host-1.example.com', 2203, '00201-a{b', 3),
    (202, 1, 'running', 'runbot-host-1.example.com', 2206, '00202-a}b', 3),
    (203, 1, 'running', 'runbot-host-1.example.com', 2209, '00203-$host', 3),
    (204, 1, 'running', 'runbot-host-1.example.com', 2212, '00204-a"b', 3),
    (205, 1, 'running', 'runbot-host-1.example.com', 2215, '00205-a''b', 3),
    (206, 1, 'running', 'runbot-host-1.example.com', 2218, E'00206-a\\b', 3),
    (207, 1, 'running', 'runbot-host-1.example.com', 2221, '00207-a#b', 3),
    (208, 1, 'running', 'runbot-host-1.example.com', 2224, '00208-a*b', 3),
    (209, 1, 'running', 'runbot-host-1.example.com', 2227, '00209-a/../b', 3),
    -- White space and control characters.
    (210, 1, 'running', 'runbot-host-1.example.com', 2230, E'00210-17-0\n', 3),
    (211, 1, 'running', 'runbot-host-1.example.com', 2233, E'00211-17\t0', 3),
    (212, 1, 'running', 'runbot-host-1.example.com', 2236, '00212 17 0', 3),
    (213, 1, 'running', 'runbot-host-1.example.com', 2239, '00213-17-0 ', 3),
    (214, 1, 'running', 'runbot-host-1.example.com', 2242, E'00214-17-0\r', 3),
    -- Unicode look-alikes: Cyrillic a, fullwidth digits, a dotless i, a zero-width space.
    (215, 1, 'running', 'runbot-host-1.example.com', 2245, '00215-17-0-а', 3),
    (216, 1, 'running', 'runbot-host-1.example.com', 2248, '００２１６-17-0', 3),
    (217, 1, 'running', 'runbot-host-1.example.com', 2251, '00217-ı', 3),
    (218, 1, 'running', 'runbot-host-1.example.com', 2254, E'00218-17\u200B-0', 3),
    -- Case, dots, hyphens at the ends, underscore, empty.
    (219, 1, 'running', 'runbot-host-1.example.com', 2257, '00219-UPPER', 3),
    (220, 1, 'running', 'runbot-host-1.example.com', 2260, '00220-17-0.', 3),
    (221, 1, 'running', 'runbot-host-1.example.com', 2263, '00221.17.0', 3),
    (222, 1, 'running', 'runbot-host-1.example.com', 2266, '-00222-17-0', 3),
    (223, 1, 'running', 'runbot-host-1.example.com', 2269, '00223-17-0-', 3),
    (224, 1, 'running', 'runbot-host-1.example.com', 2272, '00224_17_0', 3),
    (225, 1, 'running', 'runbot-host-1.example.com', 2275, '', 3),
    -- Lengths: a dest over 63 characters, and one whose editor label with "-vscode" exceeds 63.
    (226, 1, 'running', 'runbot-host-1.example.com', 2278, repeat('a', 64), 3),
    (227, 1, 'running', 'runbot-host-1.example.com', 2281, '00227-' || repeat('b', 54), 3),
    (228, 1, 'running', 'runbot-host-1.example.com', 2284, repeat('c', 10000), 3),
    -- Ports: negative, zero, huge, one whose port + 2 exceeds 65535, NULL.
    (229, 1, 'running', 'runbot-host-1.example.com', -1, '00229-17-0', 3),
    (230, 1, 'running', 'runbot-host-1.example.com', 0, '00230-17-0', 3),
    (231, 1, 'running', 'runbot-host-1.example.com', 2147483647, '00231-17-0', 3),
    (232, 1, 'running', 'runbot-host-1.example.com', 65534, '00232-17-0', 3),
    (233, 1, 'running', 'runbot-host-1.example.com', NULL, '00233-17-0', 3),
    -- NULLs where runbot usually has values: dest, active step, Dockerfile.
    (234, 1, 'running', 'runbot-host-1.example.com', 2290, NULL, 3),
    (235, 90, 'running', 'runbot-host-1.example.com', 2293, '00235-17-0', 3),
    (236, 1, 'running', 'runbot-host-1.example.com', 2296, '00236-17-0', NULL),
    -- Duplicate dests: one shared with demo build 101, and a pair of new ones.
    (237, 1, 'running', 'runbot-host-1.example.com', 2299, '00101-17-0', 3),
    (238, 1, 'running', 'runbot-host-1.example.com', 2302, '00238-17-0', 3),
    (239, 1, 'running', 'runbot-host-1.example.com', 2305, '00238-17-0', 3),
    -- Host variants: the read query compares host exactly, so none of these rows is read for this host.
    (240, 1, 'running', 'RUNBOT-HOST-1.EXAMPLE.COM', 2308, '00240-17-0', 3),
    (241, 1, 'running', 'runbot-host-1.example.com.', 2311, '00241-17-0', 3),
    (242, 1, 'running', NULL, 2314, '00242-17-0', 3),
    (243, 1, 'running', 'runbot-host-1.example.com ', 2317, '00243-17-0', 3),
    (244, 1, 'running', 'runbot-host-1.example.com;', 2320, '00244-17-0', 3);

INSERT INTO hostile_expectation (build_id, reason) VALUES
    (200, 'InvalidDest'), (201, 'InvalidDest'), (202, 'InvalidDest'), (203, 'InvalidDest'), (204, 'InvalidDest'),
    (205, 'InvalidDest'), (206, 'InvalidDest'), (207, 'InvalidDest'), (208, 'InvalidDest'), (209, 'InvalidDest'),
    (210, 'InvalidDest'), (211, 'InvalidDest'), (212, 'InvalidDest'), (213, 'InvalidDest'), (214, 'InvalidDest'),
    (215, 'InvalidDest'), (216, 'InvalidDest'), (217, 'InvalidDest'), (218, 'InvalidDest'),
    (219, 'InvalidDest'), (220, 'InvalidDest'), (221, 'InvalidDest'), (222, 'InvalidDest'), (223, 'InvalidDest'),
    (224, 'InvalidDest'), (225, 'InvalidDest'),
    (226, 'InvalidDest'), (227, 'NameTooLong'), (228, 'InvalidDest'),
    (229, 'InvalidPort'), (230, 'InvalidPort'), (231, 'InvalidPort'), (232, 'InvalidPort'), (233, 'InvalidPort'),
    (234, 'InvalidDest'), (235, 'NotAttachable'), (236, 'Routed'),
    (101, 'DuplicateDest'), (237, 'DuplicateDest'), (238, 'DuplicateDest'), (239, 'DuplicateDest'),
    (240, 'NotRead'), (241, 'NotRead'), (242, 'NotRead'), (243, 'NotRead'), (244, 'NotRead');
