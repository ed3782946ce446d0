package market.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void fragmentsKeepTheirArgumentsInTextOrder() {
        Sql where = Sql.of(" AND price >= ?", 1000L).append(" AND price <= ?", 5000L);
        Sql sql = Sql.of("SELECT id FROM product WHERE region = ?", "역삼1동")
                .append(where)
                .append(" ORDER BY id DESC LIMIT ?", 21);
        assertEquals(
                "SELECT id FROM product WHERE region = ? AND price >= ? AND price <= ? ORDER BY id DESC LIMIT ?",
                sql.text());
        assertEquals(List.of("역삼1동", 1000L, 5000L, 21), sql.args());
        assertEquals(
                sql.text().chars().filter(ch -> ch == '?').count(), sql.args().size());
    }

    @Test
    void aLoneTypedArrayIsOneArgument() {
        String[] ids = {"a", "b", "c"};
        Sql sql = Sql.of("SELECT * FROM profile WHERE id = ANY(?)", (Object[]) ids);
        assertEquals(1, sql.args().size());
        assertEquals(ids, sql.args().get(0));
        assertEquals(2, Sql.of("? ?", "a", "b").args().size());
    }

    @Test
    void theTextFollowsEveryAppend() {
        Sql sql = Sql.of("SELECT 1");
        assertEquals("SELECT 1", sql.text());
        sql.append(" WHERE a = ?", 1).append(Sql.of(" AND b = ?", 2));
        assertEquals("SELECT 1 WHERE a = ? AND b = ?", sql.text());
        assertEquals(sql.text(), sql.toString());
    }

    @Test
    void customPlanIsOptIn() {
        assertFalse(Sql.of("SELECT 1").isCustomPlan());
        assertTrue(Sql.of("SELECT 1").customPlan().isCustomPlan());
    }

    @Test
    void failureKeepsTheStatementButNotTheArguments() {
        var e = new DataAccessException(
                "INSERT INTO t (a)\n   VALUES (?)", new java.sql.SQLException("duplicate key", "23505"));
        assertTrue(e.isUniqueViolation());
        assertEquals("23505", e.sqlState());
        assertTrue(e.getMessage().contains("INSERT INTO t (a) VALUES (?)"), e.getMessage());
    }
}
