import java.awt.Color;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;

/** Writes a small real JPEG to standard output, for the stack test's photo upload. */
public class TinyJpeg {
    public static void main(String[] args) throws Exception {
        BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 24; y++) {
                img.setRGB(x, y, new Color(x * 8, y * 10, 128).getRGB());
            }
        }
        ImageIO.write(img, "jpg", System.out);
    }
}
