-- A user's marketplace profile, keyed by the Keycloak subject; created on first use.
CREATE TABLE user_profile (
    id                 varchar(64)  PRIMARY KEY,
    nickname           varchar(30)  NOT NULL,
    region             varchar(50),
    manner_temperature numeric(4,1) NOT NULL DEFAULT 36.5,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    updated_at         timestamptz  NOT NULL DEFAULT now(),
    version            integer      NOT NULL DEFAULT 0
);
