-- Photos in chat: a PHOTO message carries 1 to 10 photos (its content is the optional caption, '' without one).
-- The objects are in the private bucket under chat/<uuid> (a WebP is its own thumbnail); a row is written in the
-- same statement as its message, after its objects were stored, so no row points at a missing object. Only the
-- room's two parties are served a photo: GET /api/chat/photos/{uuid} finds the row by either key.
ALTER TABLE chat_message DROP CONSTRAINT chat_message_type;
ALTER TABLE chat_message ADD CONSTRAINT chat_message_type
    CHECK (type IN ('TEXT', 'APPOINTMENT', 'SYSTEM', 'OFFER', 'PHOTO'));

CREATE TABLE message_photo (
    message_id         bigint      NOT NULL REFERENCES chat_message (id),
    position           smallint    NOT NULL CHECK (position BETWEEN 1 AND 10),
    object_key         varchar(64) NOT NULL,
    thumb_key          varchar(64) NOT NULL,
    content_type       varchar(32) NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    thumb_content_type varchar(32) NOT NULL CHECK (thumb_content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    width              integer     NOT NULL CHECK (width > 0),
    height             integer     NOT NULL CHECK (height > 0),
    size_bytes         bigint      NOT NULL CHECK (size_bytes > 0),
    PRIMARY KEY (message_id, position),
    CONSTRAINT message_photo_object UNIQUE (object_key)
);
CREATE INDEX message_photo_thumb ON message_photo (thumb_key);
