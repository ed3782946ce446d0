-- One room per (product, buyer). Product facts are a snapshot refreshed from the product service so the
-- room list renders without calling it.
CREATE TABLE chat_room (
    id                    bigserial    PRIMARY KEY,
    product_id            bigint       NOT NULL,
    seller_id             varchar(64)  NOT NULL,
    seller_nickname       varchar(30)  NOT NULL,
    buyer_id              varchar(64)  NOT NULL,
    buyer_nickname        varchar(30)  NOT NULL,
    product_title         varchar(100) NOT NULL,
    product_price         bigint       NOT NULL,
    product_status        varchar(16)  NOT NULL,
    product_thumbnail_url text,
    last_message_id       bigint,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    updated_at            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT chat_room_product_buyer UNIQUE (product_id, buyer_id)
);
CREATE INDEX chat_room_seller_recent ON chat_room (seller_id, updated_at DESC, id DESC);
CREATE INDEX chat_room_buyer_recent ON chat_room (buyer_id, updated_at DESC, id DESC);

-- Ids come from one sequence, so they strictly increase within every room.
CREATE TABLE chat_message (
    id            bigserial     PRIMARY KEY,
    room_id       bigint        NOT NULL REFERENCES chat_room (id),
    sender_id     varchar(64)   NOT NULL,
    type          varchar(16)   NOT NULL,
    content       varchar(1000) NOT NULL,
    appointment   jsonb,
    client_msg_id varchar(64),
    sent_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT chat_message_type CHECK (type IN ('TEXT', 'APPOINTMENT', 'SYSTEM'))
);
CREATE INDEX chat_message_room ON chat_message (room_id, id);
CREATE UNIQUE INDEX chat_message_client_id ON chat_message (room_id, sender_id, client_msg_id)
    WHERE client_msg_id IS NOT NULL;

CREATE TABLE chat_read (
    room_id      bigint      NOT NULL REFERENCES chat_room (id),
    user_id      varchar(64) NOT NULL,
    last_read_id bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);
